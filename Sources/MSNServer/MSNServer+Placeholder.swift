// MSNServer — placeholder, replaced as the target is built out.
enum Placeholder {}
