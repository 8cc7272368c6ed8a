//! Quantities in English and Chinese text: numbers, scale words, units, comparators.
