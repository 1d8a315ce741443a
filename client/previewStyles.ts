// Preview styles built on the editor theme's colours, so light, dark and high-contrast themes all read well.
export const previewStyles = `
body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: var(--vscode-markdown-font-size, 14px); line-height: 1.6; color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); padding: 0 26px 40px; max-width: 980px; }
h1, h2, h3, h4 { font-weight: 600; line-height: 1.25; margin-top: 24px; }
h1 { padding-bottom: 0.3em; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.35)); }
a { color: var(--vscode-textLink-foreground); text-decoration: none; }
a:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.92em; background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
pre { background: var(--vscode-textCodeBlock-background); padding: 12px 16px; border-radius: 4px; overflow-x: auto; }
pre code { background: none; padding: 0; white-space: pre; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.35)); padding: 4px 10px; text-align: left; }
blockquote { margin: 0; padding: 0 16px; border-left: 4px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); }
.hk-keyword { color: var(--vscode-debugTokenExpression-name, #c586c0); font-weight: 600; }
.hk-string { color: var(--vscode-debugTokenExpression-string, #ce9178); }
.hk-number { color: var(--vscode-debugTokenExpression-number, #b5cea8); }
.hk-comment { color: var(--vscode-descriptionForeground); font-style: italic; }
.hk-function { color: var(--vscode-symbolIcon-functionForeground, #dcdcaa); }
.hk-field { color: var(--vscode-symbolIcon-fieldForeground, #9cdcfe); }
.hk-operator { color: var(--vscode-editor-foreground); }
.hk-problem { color: var(--vscode-errorForeground); }
`;
