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
    pub fn sniff(&self, input: Input<'_>) -> Result<&dyn SourcePlugin, Error> {
        let mut best: Option<(&dyn SourcePlugin, Confidence)> = None;
        for p in self.plugins() {
            let c = p.sniff(input);
            if c >= MIN_CONFIDENCE && best.is_none_or(|(_, b)| c > b) {
                best = Some((p, c));
            }
        }
        best.map(|(p, _)| p).ok_or_else(|| Error::UnknownFormat {
            known: self.known(),
        })
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
