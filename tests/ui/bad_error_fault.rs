use awsval::Shape;

#[derive(Shape)]
#[awsval(error = "caller", http_status = 400)]
struct BadRequest {
    message: Option<String>,
}

#[derive(Shape)]
#[awsval(http_status = 404)]
struct NotFound {
    message: Option<String>,
}

fn main() {}
