//! Placement of amounts whose column is not printed (space-separated rows where blank cells vanish).
