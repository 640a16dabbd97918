use awsval::Shape;

#[derive(Shape)]
struct Arn(String);

fn main() {}
