import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { UserDto } from '../accounts/user.dto';

export class AddMemberDto {
  /** An observer's user id. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  addedAt: Date;

  user: UserDto;
}
