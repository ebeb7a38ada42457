/**
 * The words of a table or section name, lower-cased: `vendor_profile`, `VendorProfile` and
 * `vendorProfile` are all `vendor`, `profile`. Empty words (`a__b`, `_private`) are kept, so that
 * joining the words again keeps every separator.
 */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_');
}
