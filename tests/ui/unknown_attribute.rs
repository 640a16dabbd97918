use awsval::Shape;

#[derive(Shape)]
struct Job {
    #[awsval(nme = "JobId")]
    job_id: String,
}

fn main() {}
