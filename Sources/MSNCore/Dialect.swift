public enum DialectPlaceholder {}
