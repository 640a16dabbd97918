use awsval::Shape;

#[derive(Shape)]
struct Request {
    #[awsval(http_header = "x-id", http_query = "id")]
    id: Option<String>,
}

fn main() {}
