use awsval::Shape;

#[derive(Shape)]
struct Page<T> {
    items: Vec<T>,
}

fn main() {}
