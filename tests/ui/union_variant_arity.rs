use awsval::Shape;

#[derive(Shape)]
#[awsval(union)]
enum Attribute {
    Pair(String, String),
    Empty,
    Named { value: String },
}

fn main() {}
