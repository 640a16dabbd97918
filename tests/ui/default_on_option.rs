use awsval::Shape;

#[derive(Shape)]
struct Settings {
    #[awsval(default)]
    retries: Option<i32>,
}

fn main() {}
