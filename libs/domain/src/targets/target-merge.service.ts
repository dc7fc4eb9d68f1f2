import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import { type Actor, recordChange } from '../common';
import { nameKeys, searchNames } from './name-folding';
import { TargetStatusChange } from './target-status-change.entity';
import { Target } from './target.entity';
import { TargetsService } from './targets.service';

/** Tables whose rows follow a target when it is merged into another (added to as features land). */
const ATTACHED_TABLES = ['warrants', 'notice_requests', 'leads', 'tasks'] as const;

const union = <T>(...lists: T[][]) => [...new Set(lists.flat())];

/**
 * Merges a duplicate into the record that stays: the duplicate's names become aliases, gaps are
 * filled from it, its warrants, notice requests, leads and tasks move over, and it leaves the lists (merged_into_id). Both histories
 * are kept: the survivor's history (TargetsService.history) shows the duplicate's moves too.
 */
@Injectable()
export class TargetMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly targets: TargetsService,
    private readonly audit: AuditService,
  ) {}

  async merge(actor: Actor, duplicateId: string, intoId: string, version?: number): Promise<Target> {
    if (duplicateId === intoId) {
      throw new InvalidInputError('Invalid field: intoId', [
        { field: 'intoId', message: 'a target cannot be merged into itself' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      // Lock in a fixed order so two opposite merges cannot deadlock.
      const [firstId, secondId] = [duplicateId, intoId].sort();
      const first = await this.targets.loadWritable(
        manager,
        actor,
        firstId,
        firstId === duplicateId ? version : undefined,
      );
      const second = await this.targets
        .loadWritable(manager, actor, secondId, secondId === duplicateId ? version : undefined)
        .catch((error) => {
          if (error instanceof NotFoundError && secondId === intoId) throw new NotFoundError('Target to merge into');
          throw error;
        });
      const duplicate = first.id === duplicateId ? first : second;
      const survivor = first.id === intoId ? first : second;
      if (duplicate.operationId !== survivor.operationId) {
        throw new ConflictError('Only targets of the same operation can be merged', [
          { field: 'intoId', message: 'target belongs to another operation' },
        ]);
      }
      const before = { survivor: { ...survivor }, duplicate: { ...duplicate } };
      this.absorb(survivor, duplicate);
      const saved = await manager.save(survivor);
      duplicate.mergedIntoId = survivor.id;
      await manager.save(duplicate);
      for (const table of ATTACHED_TABLES) {
        await manager.query(`UPDATE ${table} SET target_id = $1 WHERE target_id = $2`, [survivor.id, duplicate.id]);
      }
      // Earlier merges into the duplicate now point at the survivor, so history stays one hop away.
      await manager.update(Target, { mergedIntoId: duplicate.id }, { mergedIntoId: survivor.id });
      await recordChange(manager, TargetStatusChange, actor, {
        targetId: survivor.id,
        fromStatus: survivor.status,
        toStatus: survivor.status,
        country: null,
        occurredAt: new Date(),
        note: `Merged ${duplicate.reference} into ${survivor.reference}`,
      });
      await this.audit.record(manager, actor, {
        action: 'target.merge',
        entityType: 'target',
        entityId: survivor.id,
        before,
        after: { survivor: saved, mergedId: duplicate.id, mergedReference: duplicate.reference },
      });
      return saved;
    });
  }

  private absorb(survivor: Target, duplicate: Target): void {
    const duplicateNames = [`${duplicate.givenNames} ${duplicate.familyName}`.trim(), ...duplicate.aliases];
    const ownName = `${survivor.givenNames} ${survivor.familyName}`.trim().toLowerCase();
    survivor.aliases = union(survivor.aliases, duplicateNames).filter((alias) => alias.toLowerCase() !== ownName);
    survivor.nationalities = union(survivor.nationalities, duplicate.nationalities);
    survivor.languages = union(survivor.languages, duplicate.languages);
    survivor.believedIn = union(survivor.believedIn, duplicate.believedIn);
    survivor.offenceCategories = union(survivor.offenceCategories, duplicate.offenceCategories);
    const documentKey = (document: { type: string; number: string }) =>
      `${document.type}|${document.number}`.toUpperCase();
    const documents = new Map(
      [...duplicate.identityDocuments, ...survivor.identityDocuments].map((document) => [
        documentKey(document),
        document,
      ]),
    );
    survivor.identityDocuments = [...documents.values()];
    const gaps = [
      'birthDate',
      'birthYear',
      'placeOfBirth',
      'countryOfBirth',
      'heightCm',
      'weightKg',
      'eyeColour',
      'hairColour',
      'distinguishingMarks',
      'photographReference',
      'fingerprintsReference',
      'smugglingRole',
      'networkName',
    ] as const;
    for (const field of gaps) {
      if (survivor[field] === null || survivor[field] === undefined)
        (survivor as unknown as Record<string, unknown>)[field] = duplicate[field];
    }
    survivor.publicAppeal = survivor.publicAppeal || duplicate.publicAppeal;
    survivor.searchNames = searchNames(survivor.familyName, survivor.givenNames, survivor.aliases);
    survivor.nameKeys = nameKeys(survivor.familyName, survivor.givenNames, survivor.aliases);
  }
}
