/**
 * A cited document as stored: the title without its 《》, the number with 〔〕 around the year and no spaces
 * (辽政办 [2020] 33 号 → 辽政办〔2020〕33号), matching what the report importer extracts.
 */
export function normalizeDocumentRef(ref: { title?: string | null; number?: string | null }): { title: string | null; number: string | null } {
  const title = ref.title?.trim().replace(/^《/, '').replace(/》$/, '').trim() || null;
  const number = ref.number
    ?.replace(/\s+/g, '')
    .replace(/[[【(（［]((?:19|20)\d{2})[\]】)）］〕]/g, '〔$1〕')
    .replace(/〔((?:19|20)\d{2})[\]】)）］]/g, '〔$1〕') || null;
  return { title, number };
}
