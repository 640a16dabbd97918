use awsval::{Shape, Timestamp};

#[derive(Shape)]
struct Event {
    #[awsval(timestamp_format = "iso8601")]
    at: Option<Timestamp>,
}

fn main() {}
