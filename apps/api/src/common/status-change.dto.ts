import { ApiProperty } from '@nestjs/swagger';

/**
 * One move in a status history as every history endpoint answers it (leads, tasks, targets, notice
 * requests), the API side of the domain's `StatusChangeRow`: the move's number, its from and to
 * statuses, and who made it. Each area's DTO extends `StatusChangeOf(ItsStatus, 'ItsStatus')` and adds
 * its subject, its time and what it records besides.
 */
export function StatusChangeOf<S extends string>(status: Record<string, S>, enumName: string) {
  abstract class StatusChangeDto {
    @ApiProperty()
    id: string;

    @ApiProperty({ enum: status, enumName, nullable: true })
    fromStatus: S | null;

    @ApiProperty({ enum: status, enumName })
    toStatus: S;

    @ApiProperty({ type: String, nullable: true })
    actorId: string | null;

    @ApiProperty()
    actorRole: string;

    @ApiProperty({ type: String, nullable: true })
    actorCountry: string | null;
  }
  return StatusChangeDto;
}
