use awsval::Shape;

#[derive(Shape)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
