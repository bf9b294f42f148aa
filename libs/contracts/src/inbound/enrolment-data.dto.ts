import { CLIENT_PROFILES, type ClientProfile, type Rung } from '@samenloop/domain';
import { IsIn, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { PersonData, WireData } from './cloud-event-types';
import { IsBsn, IsCalendarDate, IsName, IsRung, NestedObject, Optional } from './field.rules';

export class PersonDto implements PersonData {
  @IsName()
  givenName!: string;

  @IsName()
  familyName!: string;

  /** That it lies in the past needs the hub's clock: see `clockErrors`. */
  @JSONSchema({ description: 'In the past (the hub checks)' })
  @IsCalendarDate()
  birthDate!: string;

  @Optional()
  @IsBsn()
  bsn?: string;
}

export class ClientEnrolledDataDto implements WireData<'nl.samenloop.client-enrolled.v1'> {
  @JSONSchema({ description: 'CBS municipality code' })
  @Matches(/^GM\d{4}$/, { message: '$property must be a CBS code such as GM0794' })
  municipality!: string;

  @Optional()
  @IsName()
  programme?: string;

  @Optional()
  @IsIn(CLIENT_PROFILES)
  profile?: ClientProfile;

  @Optional()
  @IsRung()
  startRung?: Rung;

  @NestedObject(() => PersonDto)
  person!: PersonDto;
}
