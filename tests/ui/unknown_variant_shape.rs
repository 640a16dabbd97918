use awsval::Shape;

#[derive(Shape)]
enum Status {
    Active,
    #[awsval(unknown)]
    Other,
}

#[derive(Shape)]
enum Color {
    Red,
    #[awsval(unknown)]
    Unknown(String),
    #[awsval(unknown)]
    Unknown2(String),
}

fn main() {}
