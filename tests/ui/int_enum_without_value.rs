use awsval::Shape;

#[derive(Shape)]
#[awsval(int_enum)]
enum Priority {
    #[awsval(value = 1)]
    Low,
    High,
    #[awsval(value = "3")]
    Urgent,
}

fn main() {}
