//! An EC2 `DescribeInstances` response (ec2Query): reservations, instances, and the `<item>`
//! lists nested in them.

use awsval::schema::{ModelBuilder, ShapeId, ShapeType};
use awsval::xml::XmlSettings;
use awsval::{FromValue, Shape, Timestamp, ToValue, Value};
use serde::{Deserialize, Serialize};

use super::Rng;
use super::leaf::DateTime;

/// An EC2 list: `<item>` elements inside the member's element. Written by hand, as an SDK
/// crate would for its protocol's list convention.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Items<T> {
    #[serde(rename = "item", default)]
    pub item: Vec<T>,
}

impl<T: Shape + 'static> Shape for Items<T> {
    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        let item = T::describe(builder);
        let name = format!("{}ItemList", builder.name(item).rsplit('#').next().unwrap_or_default());
        builder.memoize::<Self>(&name, ShapeType::List, |builder, id| {
            builder.shape(id).member("member", item).xml_name("item");
        })
    }
}

impl<T: ToValue> ToValue for Items<T> {
    fn to_value(&self) -> Value {
        self.item.to_value()
    }
}

impl<T: FromValue> FromValue for Items<T> {
    fn from_value(value: Value) -> awsval::Result<Self> {
        Vec::from_value(value).map(|item| Self { item })
    }
}

// Through `Vec`'s own impls, as a derive would go: the defaults would take a `Value` on the way.
impl<T: awsval::convert::Decode> awsval::convert::Decode for Items<T> {
    fn decode<D: awsval::convert::Decoder>(
        decoder: &mut D,
        shape: awsval::schema::ShapeRef<'_>,
        format: Option<awsval::TimestampFormat>,
    ) -> awsval::Result<Self> {
        Vec::decode(decoder, shape, format).map(|item| Self { item })
    }
}
impl<T: awsval::convert::Encode> awsval::convert::Encode for Items<T> {
    fn encode<E: awsval::convert::Encoder>(
        &self,
        encoder: &mut E,
        shape: awsval::schema::ShapeRef<'_>,
        format: Option<awsval::TimestampFormat>,
    ) -> awsval::Result<()> {
        self.item.encode(encoder, shape, format)
    }
}

/// A structure whose members all travel under camelCase names (as every EC2 shape's do).
macro_rules! ec2_shape {
    ($(#[$meta:meta])* $name:ident { $($field:ident: $ty:ty = $wire:literal,)* }) => {
        #[derive(Shape, Serialize, Deserialize, Clone, PartialEq)]
        $(#[$meta])*
        pub struct $name {
            $(
                #[awsval(xml_name = $wire)]
                #[serde(rename = $wire, default)]
                pub $field: Option<$ty>,
            )*
        }
    };
}

ec2_shape!(
    /// `DescribeInstancesResult`.
    #[awsval(xml_name = "DescribeInstancesResponse", xml_namespace = "http://ec2.amazonaws.com/doc/2016-11-15/")]
    DescribeInstancesResult {
        request_id: String = "requestId",
        reservations: Items<Reservation> = "reservationSet",
        next_token: String = "nextToken",
    }
);

ec2_shape!(
    /// `Reservation`.
    Reservation {
        reservation_id: String = "reservationId",
        owner_id: String = "ownerId",
        groups: Items<GroupIdentifier> = "groupSet",
        instances: Items<Instance> = "instancesSet",
    }
);

ec2_shape!(
    /// `GroupIdentifier`.
    GroupIdentifier {
        group_id: String = "groupId",
        group_name: String = "groupName",
    }
);

ec2_shape!(
    /// `Instance`.
    Instance {
        instance_id: String = "instanceId",
        image_id: String = "imageId",
        state: InstanceState = "instanceState",
        private_dns_name: String = "privateDnsName",
        public_dns_name: String = "dnsName",
        key_name: String = "keyName",
        ami_launch_index: i32 = "amiLaunchIndex",
        instance_type: String = "instanceType",
        launch_time: DateTime = "launchTime",
        placement: Placement = "placement",
        monitoring: Monitoring = "monitoring",
        subnet_id: String = "subnetId",
        vpc_id: String = "vpcId",
        private_ip_address: String = "privateIpAddress",
        public_ip_address: String = "ipAddress",
        source_dest_check: bool = "sourceDestCheck",
        security_groups: Items<GroupIdentifier> = "groupSet",
        architecture: String = "architecture",
        root_device_type: String = "rootDeviceType",
        root_device_name: String = "rootDeviceName",
        block_device_mappings: Items<BlockDeviceMapping> = "blockDeviceMapping",
        virtualization_type: String = "virtualizationType",
        tags: Items<Tag> = "tagSet",
        hypervisor: String = "hypervisor",
        network_interfaces: Items<NetworkInterface> = "networkInterfaceSet",
        ebs_optimized: bool = "ebsOptimized",
        ena_support: bool = "enaSupport",
    }
);

ec2_shape!(
    /// `InstanceState`.
    InstanceState {
        code: i32 = "code",
        name: String = "name",
    }
);

ec2_shape!(
    /// `Placement`.
    Placement {
        availability_zone: String = "availabilityZone",
        group_name: String = "groupName",
        tenancy: String = "tenancy",
    }
);

ec2_shape!(
    /// `Monitoring`.
    Monitoring {
        state: String = "state",
    }
);

ec2_shape!(
    /// `InstanceBlockDeviceMapping`.
    BlockDeviceMapping {
        device_name: String = "deviceName",
        ebs: EbsInstanceBlockDevice = "ebs",
    }
);

ec2_shape!(
    /// `EbsInstanceBlockDevice`.
    EbsInstanceBlockDevice {
        volume_id: String = "volumeId",
        status: String = "status",
        attach_time: DateTime = "attachTime",
        delete_on_termination: bool = "deleteOnTermination",
    }
);

ec2_shape!(
    /// `Tag`.
    Tag {
        key: String = "key",
        value: String = "value",
    }
);

ec2_shape!(
    /// `InstanceNetworkInterface`.
    NetworkInterface {
        network_interface_id: String = "networkInterfaceId",
        subnet_id: String = "subnetId",
        vpc_id: String = "vpcId",
        description: String = "description",
        owner_id: String = "ownerId",
        status: String = "status",
        mac_address: String = "macAddress",
        private_ip_address: String = "privateIpAddress",
        private_dns_name: String = "privateDnsName",
        source_dest_check: bool = "sourceDestCheck",
        groups: Items<GroupIdentifier> = "groupSet",
        private_ip_addresses: Items<PrivateIpAddress> = "privateIpAddressesSet",
    }
);

ec2_shape!(
    /// `InstancePrivateIpAddress`.
    PrivateIpAddress {
        private_ip_address: String = "privateIpAddress",
        primary: bool = "primary",
    }
);

/// The wire settings of the payload.
pub fn settings() -> XmlSettings {
    XmlSettings::default()
}

/// About 500 KB of XML: the "500 KB EC2 DescribeInstances response".
pub const RESERVATIONS: usize = 85;

/// A response of `reservations` reservations of one to three instances each.
pub fn response(reservations: usize) -> DescribeInstancesResult {
    let mut rng = Rng::new(11);
    DescribeInstancesResult {
        request_id: Some(format!("{}-{}", rng.word(8), rng.word(12))),
        reservations: Some(Items { item: (0..reservations).map(|_| reservation(&mut rng)).collect() }),
        next_token: None,
    }
}

fn reservation(rng: &mut Rng) -> Reservation {
    let owner = format!("{:012}", rng.below(1_000_000_000_000));
    let instances = (0..1 + rng.below(3)).map(|index| instance(rng, index as i32, &owner)).collect();
    Reservation {
        reservation_id: Some(format!("r-{}", rng.word(17))),
        owner_id: Some(owner),
        groups: Some(Items { item: Vec::new() }),
        instances: Some(Items { item: instances }),
    }
}

fn group(rng: &mut Rng) -> GroupIdentifier {
    GroupIdentifier { group_id: Some(format!("sg-{}", rng.word(17))), group_name: Some(rng.word(10)) }
}

fn ip(rng: &mut Rng) -> String {
    format!("10.{}.{}.{}", rng.below(256), rng.below(256), rng.below(256))
}

fn time(rng: &mut Rng) -> Option<DateTime> {
    Timestamp::new(1_600_000_000 + rng.below(100_000_000) as i64, 0).ok().map(DateTime)
}

fn instance(rng: &mut Rng, index: i32, owner: &str) -> Instance {
    let private_ip = ip(rng);
    let private_dns = format!("ip-{}.ec2.internal", private_ip.replace('.', "-"));
    let subnet = format!("subnet-{}", rng.word(17));
    let vpc = format!("vpc-{}", rng.word(17));
    let groups = Items { item: (0..2).map(|_| group(rng)).collect() };
    let interface = NetworkInterface {
        network_interface_id: Some(format!("eni-{}", rng.word(17))),
        subnet_id: Some(subnet.clone()),
        vpc_id: Some(vpc.clone()),
        description: Some("Primary network interface".into()),
        owner_id: Some(owner.to_owned()),
        status: Some("in-use".into()),
        mac_address: Some(format!(
            "0e:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            rng.below(256),
            rng.below(256),
            rng.below(256),
            rng.below(256),
            rng.below(256)
        )),
        private_ip_address: Some(private_ip.clone()),
        private_dns_name: Some(private_dns.clone()),
        source_dest_check: Some(true),
        groups: Some(groups.clone()),
        private_ip_addresses: Some(Items {
            item: vec![PrivateIpAddress { private_ip_address: Some(private_ip.clone()), primary: Some(true) }],
        }),
    };
    let volume = |rng: &mut Rng, device: &str| BlockDeviceMapping {
        device_name: Some(device.to_owned()),
        ebs: Some(EbsInstanceBlockDevice {
            volume_id: Some(format!("vol-{}", rng.word(17))),
            status: Some("attached".into()),
            attach_time: time(rng),
            delete_on_termination: Some(rng.below(2) == 0),
        }),
    };
    Instance {
        instance_id: Some(format!("i-{}", rng.word(17))),
        image_id: Some(format!("ami-{}", rng.word(17))),
        state: Some(InstanceState { code: Some(16), name: Some("running".into()) }),
        private_dns_name: Some(private_dns),
        public_dns_name: Some(format!("ec2-{}.compute-1.amazonaws.com", rng.word(12))),
        key_name: Some(rng.word(10)),
        ami_launch_index: Some(index),
        instance_type: Some("m5.large".into()),
        launch_time: time(rng),
        placement: Some(Placement {
            availability_zone: Some("us-east-1a".into()),
            group_name: Some(String::new()),
            tenancy: Some("default".into()),
        }),
        monitoring: Some(Monitoring { state: Some("disabled".into()) }),
        subnet_id: Some(subnet),
        vpc_id: Some(vpc),
        private_ip_address: Some(private_ip),
        public_ip_address: Some(ip(rng)),
        source_dest_check: Some(true),
        security_groups: Some(groups),
        architecture: Some("x86_64".into()),
        root_device_type: Some("ebs".into()),
        root_device_name: Some("/dev/xvda".into()),
        block_device_mappings: Some(Items { item: vec![volume(rng, "/dev/xvda"), volume(rng, "/dev/sdf")] }),
        virtualization_type: Some("hvm".into()),
        tags: Some(Items { item: (0..3).map(|_| Tag { key: Some(rng.word(8)), value: Some(rng.word(14)) }).collect() }),
        hypervisor: Some("xen".into()),
        network_interfaces: Some(Items { item: vec![interface] }),
        ebs_optimized: Some(false),
        ena_support: Some(true),
    }
}

/// The response as awsval writes it.
pub fn bytes(typed: &DescribeInstancesResult) -> Vec<u8> {
    awsval::xml::encode(&typed.to_value(), DescribeInstancesResult::schema(), &settings()).expect("encodes")
}

/// Reads the response with awsval, into the typed form.
pub fn decode_typed(bytes: &[u8]) -> DescribeInstancesResult {
    let value = awsval::xml::decode(bytes, DescribeInstancesResult::schema(), &settings()).expect("decodes");
    DescribeInstancesResult::from_value(value).expect("fits")
}
