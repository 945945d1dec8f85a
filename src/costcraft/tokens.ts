// Token counts for the SKILL.md budget. No tokenizer ships with the project (none is installable
// offline here), so the count is an estimate chosen to err high: ceil(chars / 3). English prose
// runs about 4 characters a token and Markdown with code spans about 3.3, so a text this counter
// accepts is within the budget for a real tokenizer too. A real counter can be passed instead.
export type TokenCounter = (text: string) => number;

export const estimateSkillTokens: TokenCounter = (text) => Math.ceil(text.length / 3);
