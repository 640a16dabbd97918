use awsval::Shape;

#[derive(Shape)]
enum Value {
    Text(String),
    Empty,
}

fn main() {}
