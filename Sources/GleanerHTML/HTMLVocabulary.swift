/// Element-name sets the HTML layer and the extractor agree on.
public enum HTMLVocabulary {
    /// Elements whose text is never page content.
    public static let nonContentElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "select", "option", "button", "textarea", "head", "title",
    ]
}
