//! Entity resolution across documents: one park mentioned by several documents is one record.
