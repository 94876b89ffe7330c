//! The `export` command's two formats, CSV and JSON Lines. The rules live
//! in the shared crate (`lantern_tip::export`), so the analysts' console,
//! which exports tips opened in the browser, writes the very same files;
//! this module only names them where the intake's code and tests expect.

pub use lantern_tip::export::{
    acts_on_the_reader, columns, CsvWriter, OpenedTip, Said, CONVERSATION_COLUMN, PAYLOAD_COLUMNS,
};
