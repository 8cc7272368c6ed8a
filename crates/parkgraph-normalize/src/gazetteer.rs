//! Inner Mongolia divisions and the 2018 development-zone catalogue (data in `../data`).
