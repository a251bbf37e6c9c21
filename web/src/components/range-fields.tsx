import { rangeEntries, type SearchParamsLike } from '../lib/search-params'

/**
 * The page's time range as hidden inputs, for the dashboard's plain GET forms: submitting a
 * filter must keep the range the user is looking at, and a GET form sends only its fields.
 */
export function RangeFields({ range }: { range: SearchParamsLike }) {
  return rangeEntries(range).map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)
}
