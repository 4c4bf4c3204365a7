fn main() {
    let m = marsad_entities::tagger::Model::embedded().unwrap();
    let t = std::fs::read_to_string("data/sample/000_e6d7035163982f4c.txt").unwrap();
    for _ in 0..3 { m.tag_text(&t); }
    m.tag_text("STATS");
}
