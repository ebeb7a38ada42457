import type { VendorInventoryRepository } from './inventory.repository.js';
import type { Part, PartRepository } from '../../core/part/part.repository.js';

/**
 * Use cases of table `vendor_inventory` (section vendor). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class VendorInventoryService {
  constructor(
    protected readonly vendorInventoryRepository: VendorInventoryRepository,
    protected readonly partRepository: PartRepository,
  ) {}

  /**
   * Attaches each row's part (section core), found by `core_part_public_id`, loading all of
   * them in one query.
   */
  async withCorePart<Row extends { corePartPublicId: string | null }>(rows: readonly Row[]): Promise<(Row & { corePart: Part | undefined })[]> {
    const publicIds = [...new Set(rows.flatMap((row) => (row.corePartPublicId === null ? [] : [row.corePartPublicId])))];
    const found = new Map((await this.partRepository.findByPublicIds(publicIds)).map((item) => [item.publicId, item]));
    return rows.map((row) => ({ ...row, corePart: row.corePartPublicId === null ? undefined : found.get(row.corePartPublicId) }));
  }
}
