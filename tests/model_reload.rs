//! A server that reloads its models keeps a flat heap: member names are interned once per
//! process, and nothing else a model loads outlives the model.

use awsval::model::botocore;

/// dhat's allocator counts the bytes in use (this test binary's global allocator only).
#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

fn live_bytes() -> i64 {
    i64::try_from(dhat::HeapStats::get().curr_bytes).unwrap()
}

/// A model of 100 structures, each with its own members (sensitive ones among them).
fn model_text() -> String {
    let shapes: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#""Shape{i}": {{"type": "structure", "members": {{"Name{i}": {{"shape": "S"}},
                   "Secret{i}": {{"shape": "Secret"}}, "Next{i}": {{"shape": "Shape{}"}}}}}}"#,
                (i + 1) % 100
            )
        })
        .collect();
    format!(
        r#"{{"metadata": {{"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Demo"}},
            "operations": {{"Get": {{"name": "Get", "input": {{"shape": "Shape0"}}, "output": {{"shape": "Shape1"}}}}}},
            "shapes": {{{}, "S": {{"type": "string"}}, "Secret": {{"type": "string", "sensitive": true}}}}}}"#,
        shapes.join(",")
    )
}

#[test]
fn loading_the_same_model_a_thousand_times_keeps_the_heap_flat() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let text = model_text();
    // The first load interns the names: that is the one-time cost.
    drop(botocore::load(text.as_bytes()).unwrap());
    let before = live_bytes();
    let one = botocore::load(text.as_bytes()).unwrap();
    let model_size = live_bytes() - before;
    drop(one);
    for _ in 0..1_000 {
        let model = botocore::load(text.as_bytes()).unwrap();
        assert_eq!(model.shape("Shape7").map(|s| s.members().count()), Some(3));
    }
    let growth = live_bytes() - before;
    assert!(model_size > 10_000, "the measure sees a model ({model_size} bytes)");
    // A leak of even one name per load would be thousands of bytes here.
    assert!(growth <= 0, "the heap grew by {growth} bytes over 1,000 loads");
}
