package dev.xdai.app.console;

/**
 * What a console page's template is rendered with: which page, its language (the message bundle's and the
 * {@code lang} attribute's) and the UI text as JSON for its script. It holds no data: pages get their data from the
 * API, with the caller's key.
 */
public record Page(String name, String lang, String htmlLang, String messagesJson) {}
