use crate::decode::decode_str;
use crate::{Confidence, Error, Input, ParsedDocument, SourcePlugin};

/// Below this, a plugin's sniff does not count as recognising the input.
const MIN_CONFIDENCE: Confidence = 0.3;

/// The registered plugins, in a fixed order.
pub struct Registry {
    plugins: Vec<Box<dyn SourcePlugin>>,
}

/// The one list of plugins. A new format is a module plus one line here.
pub fn registry() -> Registry {
    Registry::new(vec![
        Box::new(crate::chinadaily::ChinaDaily),
        Box::new(crate::eastmoney::Eastmoney),
    ])
}

impl Registry {
    /// A registry of the given plugins (tests register doubles the same way).
    pub fn new(plugins: Vec<Box<dyn SourcePlugin>>) -> Self {
        Self { plugins }
    }

    /// The plugins, in registry order.
    pub fn plugins(&self) -> impl Iterator<Item = &dyn SourcePlugin> {
        self.plugins.iter().map(|p| p.as_ref())
    }

    fn known(&self) -> Vec<String> {
        self.plugins.iter().map(|p| p.id().to_string()).collect()
    }

    /// The plugin with this id or proto enum name, if any.
    pub fn get(&self, id: &str) -> Option<&dyn SourcePlugin> {
        self.plugins()
            .find(|p| p.id().eq_ignore_ascii_case(id) || p.proto_name() == id)
    }

    /// Decodes `bytes` and parses them with the plugin named by `format`, or with the most
    /// confident plugin when `format` is `None`.
    pub fn parse(&self, bytes: &[u8], format: Option<&str>) -> Result<ParsedDocument, Error> {
        let (text, encoding) = decode_str(bytes)?;
        let input = Input { bytes, text: &text };
        let plugin = match format {
            Some(id) => self.get(id).ok_or_else(|| Error::NoSuchFormat {
                asked: id.to_string(),
                known: self.known(),
            })?,
            None => self.sniff(input)?,
        };
        let mut doc = plugin.parse(input)?;
        if encoding != "UTF-8" {
            doc.warnings.push(format!("decoded from {encoding}"));
        }
        Ok(doc)
    }

    /// The most confident plugin for `input`; ties go to the earlier plugin.
    ///
    /// The plugins are asked from the last to the first, keeping the best so far (an equal
    /// score replaces it: the earlier plugin wins a tie). The first plugin then only has to say
    /// whether it reaches that best (or [`MIN_CONFIDENCE`]), which it may settle early.
    pub fn sniff(&self, input: Input<'_>) -> Result<&dyn SourcePlugin, Error> {
        let mut best: Option<(&dyn SourcePlugin, Confidence)> = None;
        let floor = |best: Option<(&dyn SourcePlugin, Confidence)>| {
            best.map_or(MIN_CONFIDENCE, |(_, b)| b.max(MIN_CONFIDENCE))
        };
        if let Some((first, rest)) = self.plugins.split_first() {
            for p in rest.iter().rev() {
                let c = p.sniff(input);
                if c >= floor(best) {
                    best = Some((p.as_ref(), c));
                }
            }
            if first.sniff_at_least(input, floor(best)) {
                return Ok(first.as_ref());
            }
        }
        best.map(|(p, _)| p).ok_or_else(|| Error::UnknownFormat {
            known: self.known(),
        })
    }

    /// [`Registry::sniff`] as the plugins' scores alone decide it, every plugin scored in
    /// order: the oracle of the tests.
    #[cfg(test)]
    fn sniff_by_scores(&self, input: Input<'_>) -> Option<&dyn SourcePlugin> {
        let mut best: Option<(&dyn SourcePlugin, Confidence)> = None;
        for p in self.plugins() {
            let c = p.sniff(input);
            if c >= MIN_CONFIDENCE && best.is_none_or(|(_, b)| c > b) {
                best = Some((p, c));
            }
        }
        best.map(|(p, _)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test double registered exactly like a real plugin.
    struct Fixed(&'static str, Confidence);

    impl SourcePlugin for Fixed {
        fn id(&self) -> &'static str {
            self.0
        }
        fn proto_name(&self) -> &'static str {
            "SOURCE_FORMAT_UNSPECIFIED"
        }
        fn description(&self) -> &'static str {
            "test double"
        }
        fn sniff(&self, _: Input<'_>) -> Confidence {
            self.1
        }
        fn parse(&self, input: Input<'_>) -> Result<ParsedDocument, Error> {
            Ok(ParsedDocument {
                format: self.0,
                body: input.text.to_string(),
                ..Default::default()
            })
        }
    }

    #[test]
    fn most_confident_plugin_wins_and_hint_overrides() {
        let r = Registry::new(vec![Box::new(Fixed("a", 0.4)), Box::new(Fixed("b", 0.9))]);
        assert_eq!(r.parse(b"x", None).unwrap().format, "b");
        assert_eq!(r.parse(b"x", Some("a")).unwrap().format, "a");
        let err = r.parse(b"x", Some("zz")).unwrap_err();
        assert!(err.to_string().contains("known formats: a, b"), "{err}");
    }

    #[test]
    fn sniff_picks_the_first_most_confident_plugin() {
        let levels = [0.0, 0.1, 0.3, 0.4, 0.9, f32::NAN];
        let ids = ["a", "b", "c"];
        for n in 1..=3 {
            for k in 0..levels.len().pow(n as u32) {
                let plugins: Vec<Box<dyn SourcePlugin>> = (0..n)
                    .map(|i| {
                        let level = levels[k / levels.len().pow(i as u32) % levels.len()];
                        Box::new(Fixed(ids[i], level)) as Box<dyn SourcePlugin>
                    })
                    .collect();
                let r = Registry::new(plugins);
                let input = Input {
                    bytes: b"x",
                    text: "x",
                };
                assert_eq!(
                    r.sniff(input).ok().map(|p| p.id()),
                    r.sniff_by_scores(input).map(|p| p.id()),
                    "{n} plugins, case {k}"
                );
            }
        }
    }

    #[test]
    fn sniff_picks_as_the_real_plugins_score() {
        let r = registry();
        for text in [
            "Home> Parks\n\nA headline\n\nUpdated: 2013-12-17\n\nThe park has many firms in it and more.",
            "---\nlayout: post\ntitle: 标题\ncategories: emnews\n---\n正文 eastmoney.com 文章来源",
            "<p>正文</p> eastmoney.com data-code=\"1\"",
            "这是一篇中文文章，没有任何标记。",
            "",
        ] {
            let input = Input {
                bytes: text.as_bytes(),
                text,
            };
            assert_eq!(
                r.sniff(input).ok().map(|p| p.id()),
                r.sniff_by_scores(input).map(|p| p.id()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn no_confident_plugin_lists_known_formats() {
        let r = Registry::new(vec![Box::new(Fixed("a", 0.1))]);
        let err = r.parse(b"x", None).unwrap_err();
        assert_eq!(
            err,
            Error::UnknownFormat {
                known: vec!["a".into()]
            }
        );
    }
}
