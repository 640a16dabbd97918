use awsval::Shape;

#[derive(Shape)]
struct Job {
    job_id: String,
    #[awsval(name = "JobId")]
    id: String,
}

fn main() {}
