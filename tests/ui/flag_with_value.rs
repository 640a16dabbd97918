use awsval::Shape;

#[derive(Shape)]
struct Login {
    #[awsval(sensitive = true)]
    password: String,
}

fn main() {}
