//! An EC2 `DescribeInstances` response (ec2Query): nested `<item>` lists.
