/**
 * The detector's rules that look at characters and phrases. Rule ids are stable: they
 * are what `tollgate.flag.rules` carries.
 */

export const RULE_INSTRUCTION_PHRASE = 'instruction_phrase'
export const RULE_INVISIBLE_UNICODE_TAGS = 'invisible_unicode_tags'
export const RULE_ZERO_WIDTH = 'zero_width'
export const RULE_BIDI_CONTROL = 'bidi_control'
export const RULE_MARKDOWN_LINK_UNEXPECTED_HOST = 'markdown_link_unexpected_host'
export const RULE_MARKDOWN_IMAGE_UNEXPECTED_HOST = 'markdown_image_unexpected_host'

/**
 * Phrases addressed to the model rather than the user: overriding its instructions,
 * re-casting its role, hiding things from the user, and chat-template or tool-result
 * delimiters that fake the end of the tool output. Kept specific to keep false
 * positives low: "follow the instructions in the README" or "you are now logged in" do
 * not match.
 */
const INSTRUCTION_PHRASE = new RegExp(
  [
    // "ignore all previous instructions", "disregard the above prompt"
    String.raw`\b(?:ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|every|the|your|my|of|these|those)\s+){0,3}(?:previous|prior|preceding|above|earlier|former|original|initial)\s+(?:\w+\s+)?(?:instructions?|prompts?|directions?|directives?|rules|guidelines|messages?|context|commands?)\b`,
    // "disregard the system prompt", "reveal your developer instructions"
    String.raw`\b(?:ignore|disregard|forget|override|bypass|reveal)\s+(?:(?:all|any|the|your|my|of)\s+){0,3}(?:system|developer|hidden)\s+(?:prompts?|messages?|instructions?)\b`,
    // "you are now DAN", "you are now an unrestricted assistant", "you are now in developer mode"
    String.raw`\byou\s+are\s+now\s+(?:(?:an?\s+|the\s+)?(?:(?:unrestricted|unfiltered|uncensored|jailbroken|evil|new|different)\b|(?:ai|assistant|chatbot|dan|llm|language\s+model)\b)|acting\s+as\b|in\s+(?:developer|god|admin|jailbreak|dan|unrestricted)\s+mode\b|no\s+longer\s+(?:bound|restricted|an?\s+(?:ai|assistant))\b)`,
    String.raw`\bnew\s+(?:system\s+)?instructions?\s*:`,
    String.raw`\bsystem\s+prompt\s*:`,
    // "do not tell the user", "without informing the user", "keep this secret from the user"
    String.raw`\b(?:do\s+not|don['’]t|never)\s+(?:tell|inform|notify|alert|warn|mention\s+(?:this|it)\s+to)\s+the\s+user\b`,
    String.raw`\bwithout\s+(?:telling|informing|notifying|alerting|asking)\s+the\s+user\b`,
    String.raw`\b(?:hide|conceal|keep)\s+(?:this|it)\s+(?:\w+\s+)?from\s+the\s+user\b`,
    // Chat-template tokens (ChatML, Llama) and fake tool-result / system delimiters.
    String.raw`<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|begin_of_text|start_header_id|end_header_id)\|>`,
    String.raw`\[\/?INST\]|<<\/?SYS>>`,
    String.raw`<\/?(?:tool_results?|tool_response|tool_output|function_results?|function_response|function_calls|system|system[-_]prompt|system[-_]reminder|important)(?:\s[^<>]{0,100})?>`,
  ].join('|'),
  'i',
)

/** Unicode tag characters U+E0000–U+E007F: invisible, and read by models as ASCII ("ASCII smuggling"). */
const UNICODE_TAG = /\uDB40[\uDC00-\uDC7F]/
/**
 * NB: emoji subdivision flags (🏴󠁧󠁢󠁥󠁮󠁧󠁿 England) legitimately use tags: U+1F3F4, 2–6 tag
 * letters or digits, then the cancel tag U+E007F.
 */
const FLAG_TAG_SEQUENCE = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,6}\u{E007F}/gu

/** U+200B zero width space, U+2060 word joiner, U+FEFF anywhere but at the start (where it is a BOM). */
const ZERO_WIDTH = /[\u200B\u2060]|(?!^)\uFEFF/
/** U+200C ZWNJ and U+200D ZWJ: invisible too, but see `hasStrayJoiner`. */
const JOINER = /[\u200C\u200D]/g
/**
 * What may sit on either side of a legitimate joiner: non-ASCII letters and marks
 * (Persian, Indic scripts) and emoji parts. The emoji variation selector U+FE0F is a mark.
 */
const JOINABLE = /^[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u

/** Embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls: "Trojan Source". */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/

/** Whether `text` contains an instruction-like phrase aimed at the model. */
export function hasInstructionPhrase(text: string): boolean {
  return INSTRUCTION_PHRASE.test(text)
}

/** Whether `text` contains a Unicode tag character outside an emoji flag sequence. */
export function hasUnicodeTags(text: string): boolean {
  if (!UNICODE_TAG.test(text)) return false
  return UNICODE_TAG.test(text.replace(FLAG_TAG_SEQUENCE, ''))
}

/** Whether `text` contains a zero-width character that is not part of normal writing. */
export function hasZeroWidth(text: string): boolean {
  return ZERO_WIDTH.test(text) || hasStrayJoiner(text)
}

/** Whether `text` contains a bidirectional embedding, override or isolate control. */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text)
}

/**
 * A ZWNJ/ZWJ that is not between two joinable characters. NB: they are required in
 * Persian and Indic writing and inside emoji sequences (👩‍💻), so only a joiner next
 * to ASCII, whitespace or an edge counts — which is how hidden text or split keywords
 * ("ign\u200Core") use them.
 */
function hasStrayJoiner(text: string): boolean {
  JOINER.lastIndex = 0
  for (let m = JOINER.exec(text); m !== null; m = JOINER.exec(text)) {
    if (!isJoinable(codePointBefore(text, m.index)) || !isJoinable(text.codePointAt(m.index + 1))) return true
  }
  return false
}

function isJoinable(codePoint: number | undefined): boolean {
  return codePoint !== undefined && codePoint > 0x7f && JOINABLE.test(String.fromCodePoint(codePoint))
}

function codePointBefore(text: string, index: number): number | undefined {
  if (index === 0) return undefined
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2)
  }
  return low
}
