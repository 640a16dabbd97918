use awsval::{OperationError, Shape};

#[derive(Shape)]
#[awsval(error = "client")]
struct NotFound {
    message: Option<String>,
}

#[derive(OperationError)]
enum GetError {
    NotFound(NotFound),
}

#[derive(OperationError)]
enum PutError {
    NotFound(NotFound),
    #[awsval(unknown)]
    Unknown { code: String },
}

fn main() {}
