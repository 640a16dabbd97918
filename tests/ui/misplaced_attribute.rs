use awsval::Shape;

#[derive(Shape)]
#[awsval(http_header = "x-id")]
struct Job {
    #[awsval(error = "client")]
    job_id: String,
}

fn main() {}
