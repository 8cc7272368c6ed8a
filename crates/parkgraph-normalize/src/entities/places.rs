//! The place (city, league or region) a document is about.

use std::collections::HashMap;

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Park, SubjectKind};

use super::Place;
use crate::gazetteer::{Division, DivisionLevel, Gazetteer};

fn place_of(d: &Division) -> Place {
    Place {
        kind: if d.level == DivisionLevel::Region {
            SubjectKind::Region
        } else {
            SubjectKind::City
        },
        code: d.code.clone(),
        name_en: d.display_en().to_string(),
    }
}

/// The first three paragraphs as they stand in the body, not a copy: `split("\n\n").take(3)`
/// joined again by "\n\n" is the body up to the third separator.
fn lead(body: &str) -> &str {
    &body[..body
        .match_indices("\n\n")
        .nth(2)
        .map_or(body.len(), |(i, _)| i)]
}

/// The document's place: the main park's city; else the most specific place of the title (a
/// county-level division stands for itself as a city-kind place); else the city named most often
/// in the first paragraphs, or the region when it is named there.
pub fn document_place(doc: &ParsedDocument, main_park: Option<&Park>) -> Option<Place> {
    let g = Gazetteer::get();
    if let Some(p) = main_park {
        if let Some(d) = g.lookup(&p.city).filter(|d| d.level == DivisionLevel::City) {
            return Some(place_of(d));
        }
        if !p.region.is_empty() {
            return Some(place_of(g.region()));
        }
    }
    let in_title: Vec<&Division> = g
        .find_place_spans(&doc.title)
        .iter()
        .map(|p| g.division(p.i))
        .collect();
    if let Some(d) = in_title
        .iter()
        .filter(|d| d.level != DivisionLevel::FunctionalArea)
        .max_by_key(|d| d.level)
    {
        return Some(place_of(d));
    }
    let lead = lead(&doc.body);
    let mut cities: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut region = false;
    for p in g.find_place_spans(lead) {
        let d = g.division(p.i);
        match d.level {
            DivisionLevel::Region => region = true,
            DivisionLevel::City | DivisionLevel::County => {
                if let Some(c) = g.city_of(d) {
                    if !cities.contains_key(&c.code) {
                        order.push(c.code.clone());
                    }
                    *cities.entry(c.code.clone()).or_default() += 1;
                }
            }
            DivisionLevel::FunctionalArea => {}
        }
    }
    let best = order
        .iter()
        .max_by_key(|c| {
            (
                cities[*c],
                std::cmp::Reverse(order.iter().position(|x| x == *c)),
            )
        })
        .cloned();
    match best {
        Some(c) if !region || cities[&c] >= 2 => g.by_code(&c).map(place_of),
        _ if region => Some(place_of(g.region())),
        Some(c) => g.by_code(&c).map(place_of),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_lead_is_the_body_up_to_the_third_paragraph_break() {
        let pieces = ["a", "\n", "\n\n", "\n\n\n", " ", "中"];
        for body in crate::test_support::Xorshift::texts(0x3c6e_f372_fe94_f82b, 20000, 12, &pieces)
        {
            let joined = body.split("\n\n").take(3).collect::<Vec<_>>().join("\n\n");
            assert_eq!(super::lead(&body), joined, "{body:?}");
        }
    }
}
