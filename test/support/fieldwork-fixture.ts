import { randomUUID } from 'node:crypto';
import { bearer, TestDragnet, TestUser } from './test-dragnet';

const WORKFLOW = ['planning', 'nomination', 'active', 'follow_up', 'closed'];

/** A location lead that passes validation; override what a test is about. */
export const leadBody = (overrides: object = {}) => ({
  country: 'GR',
  place: 'Patras, port area',
  observedAt: '2016-05-10T08:30:00.000Z',
  type: 'sighting',
  narrative: 'Seen boarding the Ancona ferry with two companions',
  sourceReliability: 'B',
  informationAssessment: 2,
  handlingCode: 'H1',
  ...overrides,
});

/** Builds operations, targets and leads through the API, as a coordinator would. */
export class FieldworkFixture {
  private codes = 0;

  constructor(
    private readonly dragnet: TestDragnet,
    private readonly coordinator: TestUser,
  ) {}

  /** A new operation in planning, with these participating countries (focal point fp@<cc>.example). */
  async operation(countries: string[]): Promise<string> {
    const operation = await this.dragnet.http
      .post('/api/operations')
      .set(bearer(this.coordinator))
      .send({ code: `FIELD-${randomUUID().slice(0, 8)}-${++this.codes}`, name: `Operation ${this.codes}` })
      .expect(201);
    for (const country of countries) {
      await this.dragnet.http
        .post(`/api/operations/${operation.body.id}/participants`)
        .set(bearer(this.coordinator))
        .send({
          country,
          roles: ['destination'],
          ncbName: `NCB ${country}`,
          focalPointEmails: [`fp@${country.toLowerCase()}.example`],
        })
        .expect(201);
    }
    return operation.body.id as string;
  }

  /** Moves the operation forward, one step at a time, until it reaches `status`. */
  async advance(operationId: string, status: string): Promise<void> {
    const current = await this.dragnet.http
      .get(`/api/operations/${operationId}`)
      .set(bearer(this.coordinator))
      .expect(200);
    for (const next of WORKFLOW.slice(WORKFLOW.indexOf(current.body.status) + 1, WORKFLOW.indexOf(status) + 1)) {
      await this.dragnet.http
        .post(`/api/operations/${operationId}/status`)
        .set(bearer(this.coordinator))
        .send({ status: next })
        .expect(200);
    }
  }

  /** A target nominated by its wanted-by country, then accepted unless told otherwise. */
  async target(operationId: string, wantedBy: string, status = 'accepted', familyName = 'Al Masri'): Promise<string> {
    const created = await this.dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(this.coordinator))
      .send({ familyName, givenNames: 'Mohammed', wantedByCountry: wantedBy, nominatingCountry: wantedBy })
      .expect(201);
    if (status !== 'nominated') {
      await this.dragnet.http
        .post(`/api/targets/${created.body.id}/status`)
        .set(bearer(this.coordinator))
        .send({ status })
        .expect(200);
    }
    return created.body.id as string;
  }

  /** Reports a lead with a fresh Idempotency-Key; returns the response for the test to check. */
  report(user: TestUser, targetId: string, body: object, key: string = randomUUID()) {
    return this.dragnet.http
      .post(`/api/targets/${targetId}/leads`)
      .set(bearer(user))
      .set('Idempotency-Key', key)
      .send(body);
  }

  /** Reports a lead that must be taken; returns its id. */
  async lead(user: TestUser, targetId: string, overrides: object = {}): Promise<string> {
    const response = await this.report(user, targetId, leadBody(overrides));
    if (response.status !== 201) throw new Error(`lead refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }
}
