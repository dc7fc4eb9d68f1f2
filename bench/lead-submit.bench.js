#!/usr/bin/env node
'use strict';
/**
 * Benchmark: POST /api/targets/:id/leads as an investigator, each request with its own
 * Idempotency-Key and a realistic lead (place, coordinates, grading, narrative), Dragnet API vs a
 * minimal node:http + pg server that does the same database work per request: JWT check, user
 * reload, then in one transaction the idempotency key's lock and lookup, the need-to-know and
 * operation checks, the lead, its history row, its audit entry, its outbox row and the key's answer.
 * The statements of one submission are captured on both sides and must be identical.
 *
 *   npm run bench:lead-submit [-- --no-build --duration 10 --warmup 2 --targets 10 --profile --smoke]
 *
 * Goal: Dragnet ≥ 0.7 × the baseline's req/s at 10 and at 50 connections.
 * Afterwards, for every target, the leads in the database must be exactly the ones answered 2xx
 * (requests cut off by the end of a run are resent with their key, as a client would).
 * Exits non-zero if the goal is missed (not judged with --smoke: 1 s of load, 3 targets), a request
 * fails, the statements drift, or the counts differ.
 *
 * --profile: CPU-profiles the Dragnet API during the measured windows and prints where time goes.
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const os = require('node:os');
const {
  log,
  sleep,
  ensureBuilt,
  adminQuery,
  call,
  startDragnet,
  startBaselineServer,
  assertSameStatements,
  parseOptions,
  loadTest,
  reportLoadRatios,
  login,
  createUser,
  advanceOperation,
  withClient,
  formatTable,
  cleanupOnExit,
  summariseCpuProfile,
  cpuAccounting,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench_lead_submit';
const POOL_SIZE = 20; // Dragnet's pool size (libs/platform/src/database/data-source-options.ts)
const MIN_RATIO = 0.7;
/** Load levels (connections) measured; smoke runs measure only the first. */
const CONNECTIONS = [10, 50];

// ---------------------------------------------------------------------------------------------
// The SQL Dragnet sends for one submission (captured with log_statement=all), so that the baseline
// does the same database work and only the framework around it differs.
// ---------------------------------------------------------------------------------------------

// AuthService.authenticate: active user, current token generation, token not revoked.
const USER_SQL = `SELECT id, role, country FROM users
        WHERE id = $1 AND active AND token_generation = $2
          AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)`;
// IdempotencyStore.purgeExpired, at most once a minute per process.
const PURGE_SQL = `DELETE FROM idempotency_keys WHERE ctid IN
         (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1)`;
// IdempotencyStore.execute
const LOCK_SQL = 'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked';
const STORED_KEY_SQL = `SELECT request_hash, response_status, response_body FROM idempotency_keys
          WHERE user_id = $1 AND key = $2 AND expires_at > now()`;
const STORE_KEY_SQL = `INSERT INTO idempotency_keys AS existing (user_id, key, request_hash, response_status, response_body, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, now(), now() + make_interval(secs => $6))
         ON CONFLICT (user_id, key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
           response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`;
// TargetAccess.loadVisible for an investigator, the three fields LeadsService.report loads
const TARGET_COLUMNS = ['id', 'operation_id', 'status'];
const TARGET_SQL =
  `SELECT ${TARGET_COLUMNS.map((c) => `"target"."${c}" AS "target_${c}"`).join(', ')} FROM "targets" "target" ` +
  'WHERE "target"."merged_into_id" IS NULL AND EXISTS (SELECT 1 FROM operations visible_o WHERE visible_o.id = "target"."operation_id" ' +
  'AND EXISTS (SELECT 1 FROM participants visible_p WHERE visible_p.operation_id = visible_o.id AND visible_p.country = $1)) ' +
  'AND ("target"."status" IN ($2, $3, $4, $5, $6, $7, $8, $9) OR "target"."nominating_country" = $10) AND "target"."id" = $11';
const SHARED_STATUSES = [
  'accepted',
  'located',
  'arrested',
  'deceased',
  'withdrawn',
  'extradited',
  'surrendered',
  'released',
];
const CLOSED_TARGET_STATUSES = ['rejected', 'deceased', 'withdrawn'];
// loadOperationForWork with its participant check
const OPERATION_SQL = `SELECT o.status,
            EXISTS (SELECT 1 FROM participants p WHERE p.operation_id = o.id AND p.country = $2) AS participates
       FROM operations o WHERE o.id = $1 FOR SHARE OF o`;
const LEAD_SQL =
  'INSERT INTO "leads"("id", "operation_id", "target_id", "status", "reporting_country", "reported_by", "country", "place", ' +
  '"latitude", "longitude", "observed_at", "type", "narrative", "source_reliability", "information_assessment", "handling_code", ' +
  '"handling_restriction", "created_at", "updated_at", "version") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ' +
  '$12, $13, $14, $15, $16, DEFAULT, DEFAULT, 1) RETURNING "id", "status", "created_at", "updated_at", "version"';
// LeadsService.recordChange
const HISTORY_SQL =
  'INSERT INTO "lead_status_changes"("actor_id", "actor_role", "actor_country", "lead_id", "from_status", "to_status", ' +
  '"note", "at") VALUES ($1, $2, $3, $4, $5, $6, $7, DEFAULT)';
// AuditService.record
const AUDIT_SQL = `INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`;
// OutboxService.enqueue
const OUTBOX_SQL = `INSERT INTO outbox_messages (queue, name, data, job_id, delay_ms) VALUES ($1, $2, $3::jsonb, $4, $5)`;
// ---------------------------------------------------------------------------------------------
// Baseline server. Runs in its own process (this file forked with --baseline-server) so that it
// does not share an event loop with autocannon, just as the Dragnet API does not.
// ---------------------------------------------------------------------------------------------

function runBaselineServer() {
  const pg = require('pg');
  const secret = Buffer.from(process.env.JWT_SECRET, 'utf8');
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const KEY = /^[\x21-\x7e]{1,255}$/;
  const ROUTE = /^\/api\/targets\/([^/?]+)\/leads$/;
  const COUNTRY = /^[A-Z]{2}$/;
  const TYPES = [
    'address',
    'sighting',
    'phone',
    'travel_document',
    'travel_movement',
    'social_media',
    'financial',
    'public_tip',
    'other',
  ];
  const RELIABILITY = ['A', 'B', 'C', 'X'];
  const HANDLING = ['H0', 'H1', 'H2', 'H3'];
  const FIELDS = new Set([
    'reportingCountry',
    'country',
    'place',
    'latitude',
    'longitude',
    'observedAt',
    'type',
    'narrative',
    'sourceReliability',
    'informationAssessment',
    'handlingCode',
    'handlingRestriction',
  ]);
  const BODY_LIMIT = 100 * 1024;
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: POOL_SIZE,
    statement_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  let lastPurge = 0;

  /** HS256 JWT check as jsonwebtoken does it for Dragnet: algorithm, signature, expiry. */
  function verifyJwt(token) {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url'));
      if (header.alg !== 'HS256') return null;
      const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
      const given = Buffer.from(parts[2], 'base64url');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
      if (typeof claims.exp === 'number' && claims.exp <= Math.floor(Date.now() / 1000)) return null;
      return typeof claims.sub === 'string' && Number.isInteger(claims.gen) && typeof claims.jti === 'string'
        ? claims
        : null;
    } catch {
      return null;
    }
  }

  /** requestFingerprint (libs/domain/src/common/idempotency/request-fingerprint.ts). */
  function canonicalJson(value) {
    if (value === undefined) return 'null';
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  const fingerprint = (method, path, body) =>
    crypto
      .createHash('sha256')
      .update(`${method}\n${path}\n${canonicalJson(body ?? null)}`)
      .digest('hex');

  class HttpError extends Error {
    constructor(status, error, message) {
      super(message);
      this.status = status;
      this.error = error;
    }
  }

  /** The checks of CreateLeadDto and checkLeadFields, written by hand; returns the lead normalised. */
  function validateLead(input, userCountry) {
    const problems = [];
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new HttpError(400, 'invalid_input', 'Body');
    for (const key of Object.keys(input)) if (!FIELDS.has(key)) problems.push(key);
    const country = (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
    const lead = { ...input, country: country(input.country), reportingCountry: country(input.reportingCountry) };
    if (lead.reportingCountry !== undefined && !COUNTRY.test(lead.reportingCountry)) problems.push('reportingCountry');
    if (!COUNTRY.test(lead.country)) problems.push('country');
    if (typeof lead.place !== 'string' || lead.place.length > 500 || !lead.place.trim()) problems.push('place');
    if (typeof lead.narrative !== 'string' || lead.narrative.length > 10_000 || !lead.narrative.trim())
      problems.push('narrative');
    const present = (value) => value !== null && value !== undefined;
    const number = (value, limit) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
    if (present(lead.latitude) && !number(lead.latitude, 90)) problems.push('latitude');
    if (present(lead.longitude) && !number(lead.longitude, 180)) problems.push('longitude');
    if (present(lead.latitude) !== present(lead.longitude)) problems.push('coordinates');
    const observedAt = new Date(lead.observedAt);
    if (typeof lead.observedAt !== 'string' || Number.isNaN(observedAt.getTime())) problems.push('observedAt');
    else if (observedAt.getTime() > Date.now() + 5 * 60_000) problems.push('observedAt');
    if (!TYPES.includes(lead.type)) problems.push('type');
    if (!RELIABILITY.includes(lead.sourceReliability)) problems.push('sourceReliability');
    if (![1, 2, 3, 4].includes(lead.informationAssessment)) problems.push('informationAssessment');
    if (!HANDLING.includes(lead.handlingCode)) problems.push('handlingCode');
    if (present(lead.handlingRestriction) && typeof lead.handlingRestriction !== 'string')
      problems.push('handlingRestriction');
    const restriction = (typeof lead.handlingRestriction === 'string' && lead.handlingRestriction.trim()) || null;
    if ((lead.handlingCode === 'H3') !== (restriction !== null)) problems.push('handlingRestriction');
    if (problems.length > 0) throw new HttpError(400, 'invalid_input', `Invalid fields: ${problems.join(', ')}`);
    if (lead.reportingCountry && lead.reportingCountry !== userCountry)
      throw new HttpError(403, 'forbidden', 'An investigator reports leads for its own country only');
    return {
      country: lead.country,
      place: lead.place.trim(),
      latitude: present(lead.latitude) ? lead.latitude : null,
      longitude: present(lead.longitude) ? lead.longitude : null,
      observedAt,
      type: lead.type,
      narrative: lead.narrative.trim(),
      sourceReliability: lead.sourceReliability,
      informationAssessment: lead.informationAssessment,
      handlingCode: lead.handlingCode,
      handlingRestriction: restriction,
    };
  }

  /** The work of LeadsService.report inside its transaction; returns the lead as JSON (dates as strings). */
  async function insertLead(client, user, targetId, fields, requestId) {
    const { rows: targets } = await client.query(TARGET_SQL, [
      user.country,
      ...SHARED_STATUSES,
      user.country,
      targetId,
    ]);
    const target = targets[0];
    if (!target) throw new HttpError(404, 'not_found', 'Target not found');
    if (CLOSED_TARGET_STATUSES.includes(target.target_status))
      throw new HttpError(409, 'conflict', `No new lead for a target that is ${target.target_status}`);
    const { rows: operations } = await client.query(OPERATION_SQL, [target.target_operation_id, user.country]);
    const operation = operations[0];
    if (!operation) throw new HttpError(409, 'conflict', 'The operation no longer exists');
    if (operation.status === 'closed') throw new HttpError(409, 'conflict', 'The operation is closed');
    if (!['active', 'follow_up'].includes(operation.status))
      throw new HttpError(409, 'conflict', `The operation is ${operation.status}`);
    if (!operation.participates) throw new HttpError(422, 'unprocessable', 'Not a participating country');
    const { rows: inserted } = await client.query(LEAD_SQL, [
      target.target_operation_id,
      target.target_id,
      'new',
      user.country,
      user.id,
      fields.country,
      fields.place,
      fields.latitude,
      fields.longitude,
      fields.observedAt,
      fields.type,
      fields.narrative,
      fields.sourceReliability,
      fields.informationAssessment,
      fields.handlingCode,
      fields.handlingRestriction,
    ]);
    const row = inserted[0];
    // Same fields, same order as the Lead entity, so the JSON body matches Dragnet's.
    const lead = JSON.parse(
      JSON.stringify({
        id: row.id,
        operationId: target.target_operation_id,
        targetId: target.target_id,
        status: row.status,
        reportingCountry: user.country,
        reportedBy: user.id,
        country: fields.country,
        place: fields.place,
        latitude: fields.latitude,
        longitude: fields.longitude,
        observedAt: fields.observedAt,
        type: fields.type,
        narrative: fields.narrative,
        sourceReliability: fields.sourceReliability,
        informationAssessment: fields.informationAssessment,
        handlingCode: fields.handlingCode,
        handlingRestriction: fields.handlingRestriction,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        version: row.version,
      }),
    );
    await client.query(HISTORY_SQL, [user.id, user.role, user.country, lead.id, null, 'new', null]);
    await client.query(AUDIT_SQL, [
      user.id,
      user.role,
      user.country,
      'lead.create',
      'lead',
      lead.id,
      null,
      lead,
      requestId,
    ]);
    await client.query(OUTBOX_SQL, [
      'notifications',
      'lead-reported-email',
      { leadId: lead.id },
      `lead-reported:${lead.id}`,
      0,
    ]);
    return lead;
  }

  async function inTransaction(work) {
    const client = await pool.connect();
    try {
      await client.query('START TRANSACTION');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** idempotencyLockId (libs/domain/src/common/idempotency/idempotency.store.ts). */
  const lockId = (userId, key) =>
    crypto.createHash('sha256').update(userId).update('\0').update(key).digest().readBigInt64BE(0).toString();

  /** As IdempotencyStore.execute: the key's lock, a stored answer or the work and its answer, one transaction. */
  async function reportOnce(user, key, requestHash, work) {
    return inTransaction(async (client) => {
      const { rows: lock } = await client.query(LOCK_SQL, [lockId(user.id, key)]);
      if (!lock[0].locked)
        throw new HttpError(409, 'conflict', 'A request with this Idempotency-Key is still being processed');
      const { rows: stored } = await client.query(STORED_KEY_SQL, [user.id, key]);
      if (stored[0]) {
        if (stored[0].request_hash !== requestHash)
          throw new HttpError(422, 'unprocessable', 'This Idempotency-Key was already used for a different request');
        return { status: stored[0].response_status, body: stored[0].response_body, replayed: true };
      }
      const body = await work(client);
      await client.query(STORE_KEY_SQL, [user.id, key, requestHash, 201, JSON.stringify(body), 86_400]);
      return { status: 201, body, replayed: false };
    });
  }

  const send = (res, status, body, headers = {}) => {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      ...headers,
    });
    res.end(json);
  };

  function readJson(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size > BODY_LIMIT) reject(new HttpError(413, 'payload_too_large', 'Body too large'));
        else chunks.push(chunk);
      });
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new HttpError(400, 'invalid_input', 'Malformed JSON'));
        }
      });
      req.on('error', reject);
      // A client that goes away mid-body (autocannon stopping) must not leave the request hanging.
      req.on('close', () => {
        if (!req.complete) reject(new HttpError(400, 'invalid_input', 'Request aborted'));
      });
    });
  }

  async function handle(req, res) {
    const path = req.url.split('?')[0];
    const match = req.method === 'POST' && ROUTE.exec(path);
    if (!match) throw new HttpError(404, 'not_found', 'No such route');
    // The body first, as Express's body parser runs before Dragnet's guard.
    const body = await readJson(req);
    const [scheme, token] = (req.headers.authorization || '').split(' ');
    const claims = scheme && scheme.toLowerCase() === 'bearer' && token ? verifyJwt(token) : null;
    if (!claims) throw new HttpError(401, 'unauthorized', 'Invalid or expired token');
    // Reloaded per request, like Dragnet's AuthGuard, so deactivation takes effect at once.
    const { rows: users } = await pool.query(USER_SQL, [claims.sub, claims.gen, claims.jti]);
    const user = users[0];
    if (!user) throw new HttpError(401, 'unauthorized', 'Invalid or expired token');
    // Only the investigator path is benchmarked; other roles are out of scope for this baseline.
    if (user.role !== 'investigator') throw new HttpError(403, 'forbidden', 'Investigators only here');
    if (!UUID.test(match[1])) throw new HttpError(400, 'invalid_input', 'id must be a UUID');
    const key = req.headers['idempotency-key'];
    if (!key || !KEY.test(key)) throw new HttpError(400, 'invalid_input', 'Idempotency-Key is required');
    const requestHash = fingerprint(req.method, path, body);
    const fields = validateLead(body, user.country);
    if (Date.now() - lastPurge >= 60_000) {
      lastPurge = Date.now();
      await pool.query(PURGE_SQL, [1000]);
    }
    const requestId = crypto.randomUUID();
    const answer = await reportOnce(user, key, requestHash, (client) =>
      insertLead(client, user, match[1], fields, requestId),
    );
    send(res, answer.status, answer.body, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  }

  let inFlight = 0;
  let onIdle = null;
  const server = http.createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((error) => {
        if (!(error instanceof HttpError)) console.error('[baseline]', error);
        const status = error instanceof HttpError ? error.status : 500;
        const body = { statusCode: status, error: error.error || 'internal', message: error.message };
        if (!res.headersSent) send(res, status, body);
      })
      .finally(() => {
        if (--inFlight === 0 && onIdle) onIdle();
      });
  });
  server.keepAliveTimeout = 5_000; // Express/Node default, as in Dragnet
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    onIdle = () => pool.end().finally(() => process.exit(0));
    if (inFlight === 0) onIdle();
  };
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
}

// ---------------------------------------------------------------------------------------------
// Load: realistic leads, each with its own Idempotency-Key, over the targets of one server.
// ---------------------------------------------------------------------------------------------

const SIGHTINGS = [
  { country: 'GR', place: 'Patras, port area, near gate 7', latitude: 38.2466, longitude: 21.7346 },
  { country: 'IT', place: 'Ancona, ferry terminal, Molo Santa Maria', latitude: 43.6197, longitude: 13.5067 },
  { country: 'TR', place: 'Izmir, Basmane square, hotel district', latitude: 38.4225, longitude: 27.1428 },
  { country: 'LY', place: 'Zuwara, harbour district', latitude: 32.9312, longitude: 12.0819 },
  { country: 'MT', place: 'Valletta, Grand Harbour, Pinto wharf', latitude: 35.8925, longitude: 14.5136 },
  { country: 'ES', place: 'Algeciras, port, Isla Verde terminal', latitude: 36.1283, longitude: -5.4413 },
  { country: 'DE', place: 'Munich Hauptbahnhof, bus station', latitude: 48.1423, longitude: 11.5537 },
  { country: 'FR', place: 'Calais, rue des Garennes', latitude: null, longitude: null },
  { country: 'EG', place: 'Alexandria, El Max fishing port', latitude: 31.1589, longitude: 29.8508 },
  { country: 'RS', place: 'Belgrade, Luke Ćelovića park', latitude: 44.8087, longitude: 20.4599 },
];
const NARRATIVES = [
  'Seen boarding the Ancona ferry with two companions; carried a blue holdall and paid the tickets in cash. ' +
    'Port police CCTV from 06:40 to 07:10 is being retained.',
  'Informant reports the subject has rented a flat above a phone shop under the name "Yusuf M." and receives ' +
    'visitors at night. The landlord confirmed a photograph on 14 May.',
  'Subscriber of a mobile number seized from a smuggling boat; cell data place the handset near the address for ' +
    'the last nine days, mostly between 22:00 and 05:00.',
  'Booked on a coach to Milan under a forged Bulgarian identity card (series AA 1234xxx); the booking was paid ' +
    'with a prepaid card used before by the same network.',
  'Posted photographs from a café on the seafront; geolocated from the shop signs and the harbour crane in the ' +
    'background. Account active daily.',
];
const TYPES = ['sighting', 'address', 'phone', 'travel_movement', 'social_media'];
const GRADES = [
  { sourceReliability: 'A', informationAssessment: 1, handlingCode: 'H0' },
  { sourceReliability: 'B', informationAssessment: 2, handlingCode: 'H1' },
  { sourceReliability: 'B', informationAssessment: 3, handlingCode: 'H1' },
  { sourceReliability: 'C', informationAssessment: 3, handlingCode: 'H2' },
  {
    sourceReliability: 'X',
    informationAssessment: 4,
    handlingCode: 'H3',
    handlingRestriction: 'Not to be shared with third countries',
  },
];

function leadBody(n) {
  const where = SIGHTINGS[n % SIGHTINGS.length];
  const grade = GRADES[n % GRADES.length];
  return {
    country: where.country,
    place: where.place,
    ...(where.latitude === null ? {} : { latitude: where.latitude, longitude: where.longitude }),
    observedAt: new Date(Date.now() - ((n % 240) + 1) * 3_600_000).toISOString(),
    type: TYPES[n % TYPES.length],
    narrative: NARRATIVES[n % NARRATIVES.length],
    ...grade,
  };
}

/**
 * Every request sent to one server: its key, target and body until answered; then its status and,
 * if 2xx, the lead id. What is left unanswered when a run stops is resent afterwards.
 */
function requestLedger(name, targetIds) {
  const prefix = `${name}-${crypto.randomBytes(6).toString('hex')}`;
  let counter = 0;
  const pending = new Map();
  const answered = new Map();
  return {
    prefix,
    pending,
    answered,
    next() {
      const n = counter++;
      const key = `${prefix}-${n}`;
      const request = { key, targetId: targetIds[n % targetIds.length], body: JSON.stringify(leadBody(n)) };
      pending.set(key, request);
      return request;
    },
    answer(key, status, text) {
      const request = pending.get(key);
      if (!request) return;
      pending.delete(key);
      let leadId = null;
      if (status >= 200 && status < 300) {
        try {
          leadId = JSON.parse(text).id;
        } catch {
          leadId = null;
        }
      }
      answered.set(key, { ...request, status, leadId, text: status >= 300 ? text : undefined });
    },
  };
}

function runLoad(origin, token, duration, connections, ledger) {
  return loadTest({
    url: origin,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest(request, context) {
          const next = ledger.next();
          context.key = next.key;
          return {
            ...request,
            method: 'POST',
            path: `/api/targets/${next.targetId}/leads`,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': next.key,
            },
            body: next.body,
          };
        },
        onResponse(status, body, context) {
          ledger.answer(context.key, status, body);
        },
      },
    ],
  });
}

async function measure(name, server, database, token, options, connections, ledger) {
  log(`${name}: warm-up ${options.warmup} s, then ${options.duration} s with ${connections} connections`);
  await runLoad(server.origin, token, options.warmup, connections, ledger);
  if (server.profiler) await server.profiler.start(server.child);
  const cpu = cpuAccounting({ database, processes: { 'server process (node)': server.child.pid } });
  const before = cpu.snapshot();
  const result = await runLoad(server.origin, token, options.duration, connections, ledger);
  const used = cpu.diff(before, cpu.snapshot());
  const profile = server.profiler ? await server.profiler.stop() : null;
  return { name, connections, cpu: used, profile, ...result };
}

/** Resends what a run left unanswered, with the same key and body, until each gets a final answer. */
async function resendUnanswered(origin, token, ledger) {
  const left = [...ledger.pending.values()];
  for (const request of left) {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${origin}/api/targets/${request.targetId}/leads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': request.key,
        },
        body: request.body,
      });
      const text = await response.text();
      // 409: the first attempt is still running on the server; wait for it.
      if (response.status === 409 && attempt < 100) {
        await sleep(100);
        continue;
      }
      ledger.answer(request.key, response.status, text);
      break;
    }
  }
  return left.length;
}

/** Leads per target in the database against the 2xx answers (ids included): no loss, no duplicate. */
async function verifyLeads(databaseUrl, name, ledger, targetIds, userId) {
  const problems = [];
  const answeredOk = [...ledger.answered.values()].filter((a) => a.status >= 200 && a.status < 300);
  const failed = [...ledger.answered.values()].filter((a) => a.status >= 300);
  for (const f of failed.slice(0, 3)) problems.push(`${name}: ${f.status} ${f.text}`);
  if (failed.length > 3) problems.push(`${name}: ${failed.length - 3} more non-2xx answers`);
  const keys = new Set(answeredOk.map((a) => a.key));
  const perTarget = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT l.target_id, array_agg(l.id::text) AS ids,
              count(*)::int AS leads,
              count(*) FILTER (WHERE (SELECT count(*) FROM lead_status_changes c WHERE c.lead_id = l.id) = 1)::int AS with_history,
              count(*) FILTER (WHERE (SELECT count(*) FROM audit_entries a WHERE a.entity_type = 'lead' AND a.action = 'lead.create' AND a.entity_id = l.id::text) = 1)::int AS audited,
              count(*) FILTER (WHERE (SELECT count(*) FROM outbox_messages o WHERE o.job_id = 'lead-reported:' || l.id) = 1)::int AS with_outbox
         FROM leads l WHERE l.target_id = ANY($1::uuid[]) GROUP BY l.target_id`,
      [targetIds],
    );
    const { rows: keyRows } = await client.query(
      `SELECT count(*)::int AS done FROM idempotency_keys WHERE user_id = $1 AND key LIKE $2`,
      [userId, `${ledger.prefix}-%`],
    );
    return { rows, doneKeys: keyRows[0].done };
  });
  const byTarget = new Map(perTarget.rows.map((row) => [row.target_id, row]));
  const lines = [];
  let totalLeads = 0;
  for (const targetId of targetIds) {
    const row = byTarget.get(targetId) || { ids: [], leads: 0, with_history: 0, audited: 0, with_outbox: 0 };
    const answeredIds = answeredOk.filter((a) => a.targetId === targetId).map((a) => a.leadId);
    const distinctAnswered = new Set(answeredIds);
    const inDb = new Set(row.ids);
    totalLeads += row.leads;
    const same = distinctAnswered.size === inDb.size && [...inDb].every((id) => distinctAnswered.has(id));
    lines.push([targetId.slice(0, 8), row.leads, answeredIds.length, row.with_history, row.audited, row.with_outbox]);
    if (answeredIds.length !== distinctAnswered.size)
      problems.push(`${name} target ${targetId}: two 2xx answers carry the same lead id`);
    if (row.leads !== answeredIds.length || !same)
      problems.push(
        `${name} target ${targetId}: ${row.leads} leads in the database, ${answeredIds.length} answered 2xx`,
      );
    if (row.with_history !== row.leads || row.audited !== row.leads || row.with_outbox !== row.leads)
      problems.push(
        `${name} target ${targetId}: not every lead has exactly one history row, audit entry and outbox row`,
      );
  }
  if (perTarget.doneKeys !== keys.size)
    problems.push(`${name}: ${perTarget.doneKeys} idempotency keys done, ${keys.size} answered 2xx`);
  return { lines, totalLeads, answered: answeredOk.length, doneKeys: perTarget.doneKeys, problems };
}

// ---------------------------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------------------------

const PARTICIPANTS = ['IT', 'GR', 'TR', 'LY', 'MT', 'ES', 'DE', 'FR'];
const FAMILY = [
  'Al Masri',
  'Haddad',
  'Benali',
  'Mansour',
  'Tesfaye',
  'Krasniqi',
  'Yılmaz',
  'Diallo',
  'Darwish',
  'Saleh',
];
const GIVEN = ['Mohammed', 'Youssef', 'Ibrahim', 'Khaled', 'Ahmed', 'Omar', 'Hamza', 'Tariq', 'Samir', 'Bilal'];

/** Through the API, as users would: accounts, an active operation, accepted targets for each server. */
async function seed(base, adminAccount, targetsPerServer) {
  const adminToken = await login(base, adminAccount.email, adminAccount.password);
  const investigator = { email: 'rossi@ncb-rome.example', password: 'blue-harbour-lantern-42' };
  const coordinator = { email: 'dubois@lyon.example', password: 'quiet-granite-orchard-7' };
  const investigatorUser = await createUser(base, adminToken, {
    ...investigator,
    displayName: 'Investigator Rossi',
    role: 'investigator',
    country: 'IT',
  });
  await createUser(base, adminToken, { ...coordinator, displayName: 'Coordinator Dubois', role: 'coordinator' });
  const coord = await login(base, coordinator.email, coordinator.password);
  const operation = (
    await call(base, 'POST', '/operations', {
      token: coord,
      body: { code: 'HYDRA-2016', name: 'Operation Hydra', crimeFocus: 'migrant_smuggling' },
      expect: [201],
    }).catch(() =>
      call(base, 'POST', '/operations', { token: coord, body: { code: 'HYDRA-2016', name: 'Operation Hydra' } }),
    )
  ).json;
  for (const country of PARTICIPANTS) {
    await call(base, 'POST', `/operations/${operation.id}/participants`, {
      token: coord,
      body: {
        country,
        roles: ['destination'],
        ncbName: `NCB ${country}`,
        focalPointEmails: [`fp@ncb-${country.toLowerCase()}.example`],
      },
    });
  }
  await advanceOperation(base, coord, operation.id, 'nomination');
  const targets = [];
  for (let i = 0; i < 2 * targetsPerServer; i++) {
    const wantedBy = PARTICIPANTS[(i + 1) % PARTICIPANTS.length];
    const target = (
      await call(base, 'POST', `/operations/${operation.id}/targets`, {
        token: coord,
        body: {
          familyName: FAMILY[i % FAMILY.length],
          givenNames: GIVEN[(i * 3) % GIVEN.length],
          wantedByCountry: wantedBy,
          nominatingCountry: wantedBy,
        },
      })
    ).json;
    await call(base, 'POST', `/targets/${target.id}/status`, {
      token: coord,
      body: { status: 'accepted' },
      expect: [200],
    });
    targets.push(target.id);
  }
  await advanceOperation(base, coord, operation.id, 'active');
  const token = await login(base, investigator.email, investigator.password);
  return {
    token,
    userId: investigatorUser.id,
    operationId: operation.id,
    dragnetTargets: targets.slice(0, targetsPerServer),
    baselineTargets: targets.slice(targetsPerServer),
  };
}

const sortedKeys = (value) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortedKeys(value[key])]),
      )
    : value;
const sameJson = (a, b) => JSON.stringify(sortedKeys(JSON.parse(a))) === JSON.stringify(sortedKeys(JSON.parse(b)));

/** Both servers must answer alike before their speed means anything. */
async function checkSameBehaviour(servers, token, ledgers) {
  const post = async (origin, targetId, key, body, auth = token) => {
    const response = await fetch(`${origin}/api/targets/${targetId}/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      text: await response.text(),
      replayed: response.headers.get('idempotent-replayed'),
    };
  };
  const body = leadBody(1);
  const shape = (text) =>
    JSON.stringify(JSON.parse(text), (key, value) =>
      ['id', 'targetId', 'createdAt', 'updatedAt'].includes(key) ? typeof value : value,
    );
  const answers = {};
  const statements = {};
  for (const [name, server] of Object.entries(servers)) {
    const { origin } = server;
    // Made through the ledger, so the lead it creates is counted like the others. The first
    // submission on each side: both purge expired keys then (once a minute per process).
    const { key, targetId } = ledgers[name].next();
    const recorded = await server.statements.record(() => post(origin, targetId, key, body));
    const first = recorded.result;
    statements[name] = recorded.statements;
    ledgers[name].answer(key, first.status, first.text);
    if (first.status !== 201) throw new Error(`${name}: first submission answered ${first.status}: ${first.text}`);
    const repeat = await post(origin, targetId, key, body);
    // Equal as JSON: the stored answer comes back from a jsonb column, which orders keys its own way.
    if (repeat.status !== 201 || !sameJson(repeat.text, first.text) || repeat.replayed !== 'true')
      throw new Error(
        `${name}: a repeat with the same key did not replay the first answer: ${repeat.status} ${repeat.text}`,
      );
    const other = await post(origin, targetId, key, { ...body, place: 'Somewhere else' });
    if (other.status !== 422) throw new Error(`${name}: the same key with another body answered ${other.status}`);
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    const unauthorised = await post(origin, targetId, `forged-${crypto.randomUUID()}`, body, forged);
    if (unauthorised.status !== 401) throw new Error(`${name}: a forged token answered ${unauthorised.status}`);
    const unknown = await post(origin, crypto.randomUUID(), `unknown-${crypto.randomUUID()}`, body);
    if (unknown.status !== 404) throw new Error(`${name}: an unknown target answered ${unknown.status}`);
    const invalid = await post(origin, targetId, `invalid-${crypto.randomUUID()}`, {
      ...body,
      informationAssessment: 5,
    });
    if (invalid.status !== 400) throw new Error(`${name}: an invalid lead answered ${invalid.status}`);
    answers[name] = first.text;
  }
  if (shape(answers.dragnet) !== shape(answers.baseline)) {
    throw new Error(`Lead bodies differ:\n  dragnet:  ${answers.dragnet}\n  baseline: ${answers.baseline}`);
  }
  log(`both answer alike: ${shape(answers.dragnet)}`);
  assertSameStatements('POST /api/targets/:id/leads', statements.dragnet, statements.baseline);
}

/** CPU ms per request of each process involved, during the measured window: where the time goes. */
function printCpu(rows) {
  const categories = [...new Set(rows.flatMap((r) => Object.keys(r.cpu.categories)))];
  const perRequest = (r, ms) => (r.total > 0 ? (ms / r.total).toFixed(2) : '-');
  const lines = categories.map((category) => [
    category,
    ...rows.map((r) => perRequest(r, r.cpu.categories[category] ?? 0)),
  ]);
  const sum = (r) => Object.values(r.cpu.categories).reduce((a, b) => a + b, 0);
  lines.push(['sum of the above', ...rows.map((r) => perRequest(r, sum(r)))]);
  lines.push(['whole machine (busy)', ...rows.map((r) => perRequest(r, r.cpu.machineBusy))]);
  lines.push([
    'machine busy, % of all CPUs',
    ...rows.map((r) => `${((100 * r.cpu.machineBusy) / Math.max(1, r.cpu.machineTotal)).toFixed(0)}%`),
  ]);
  console.log('CPU time per request in the measured window (ms; Linux /proc):');
  console.log(formatTable(['', ...rows.map((r) => r.name)], lines));
}

function printReport(rows, options, verification) {
  console.log('');
  console.log(
    `POST /api/targets/:id/leads as investigator, fresh Idempotency-Key per request — ` +
      `${options.duration} s after ${options.warmup} s warm-up, ${options.targets} targets each, pg pool ${POOL_SIZE}, ` +
      `node ${process.version}, ${os.availableParallelism()} CPUs`,
  );
  console.log(
    formatTable(
      ['target', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx'],
      rows.map((r) => [
        r.name,
        r.connections,
        r.rps.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.total,
        r.errors + r.timeouts,
        r.non2xx,
      ]),
    ),
  );
  console.log('');
  const goals = reportLoadRatios(rows, MIN_RATIO);
  console.log('');
  printCpu(rows.filter((r) => r.connections === rows[rows.length - 1].connections));
  console.log('');
  console.log(
    'leads per target in the database vs 2xx answers (each lead with 1 history row, 1 audit entry, 1 outbox row):',
  );
  console.log(
    formatTable(
      ['#', ...verification.flatMap((v) => [`${v.name} target`, 'leads', '2xx', 'hist/audit/outbox'])],
      verification[0].lines.map((_, i) => [
        i + 1,
        ...verification.flatMap((v) => {
          const [target, leads, answered, history, audited, outbox] = v.lines[i] || ['-', '-', '-', '-', '-', '-'];
          return [target, leads, answered, `${history}/${audited}/${outbox}`];
        }),
      ]),
    ),
  );
  for (const v of verification) {
    console.log(
      `leads check, ${v.name}: ${v.totalLeads} leads in the database for its ${v.lines.length} targets, ` +
        `${v.answered} answered 2xx (warm-ups, measured runs, ${v.resent} resent after the runs), ${v.doneKeys} keys done — ` +
        (v.problems.length === 0 ? 'equal per target, no duplicate, none lost' : 'MISMATCH'),
    );
  }
  return goals;
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { duration: 10, warmup: 2, targets: 10 },
    { smoke: { duration: 2, warmup: 1, targets: 3 }, profile: true },
  );
  ensureBuilt(options.build);
  let dragnet;
  let baseline;
  let failed;
  const cleanup = cleanupOnExit(async () => {
    await baseline?.stop();
    await dragnet?.stop();
  });

  try {
    log(`starting Dragnet API (database ${DB_NAME})`);
    dragnet = await startDragnet(DB_NAME, { profile: options.profile ? 'lead-submit' : null });
    const fixture = await seed(dragnet.base, dragnet.admin, options.targets);
    log(`seeded operation ${fixture.operationId} (active) with ${2 * options.targets} accepted targets`);

    // One secret for both servers, so the same token is valid on each.
    baseline = await startBaselineServer(__filename, {
      ...process.env,
      DATABASE_URL: dragnet.databaseUrl,
      JWT_SECRET: dragnet.env.JWT_SECRET,
    });

    const ledgers = {
      dragnet: requestLedger('dragnet', fixture.dragnetTargets),
      baseline: requestLedger('baseline', fixture.baselineTargets),
    };
    const servers = { dragnet, baseline };
    await checkSameBehaviour(servers, fixture.token, ledgers);

    const rows = [];
    for (const connections of options.smoke ? CONNECTIONS.slice(0, 1) : CONNECTIONS) {
      for (const name of ['dragnet', 'baseline']) {
        await adminQuery('CHECKPOINT');
        rows.push(
          await measure(name, servers[name], dragnet.database, fixture.token, options, connections, ledgers[name]),
        );
      }
    }
    const verification = [];
    for (const [name, targets] of [
      ['dragnet', fixture.dragnetTargets],
      ['baseline', fixture.baselineTargets],
    ]) {
      const resent = await resendUnanswered(servers[name].origin, fixture.token, ledgers[name]);
      if (resent > 0) log(`${name}: resent ${resent} requests cut off at the end of a run`);
      const check = await verifyLeads(dragnet.databaseUrl, name, ledgers[name], targets, fixture.userId);
      verification.push({ name, resent, ...check });
    }
    const goals = printReport(rows, options, verification);

    // A smoke run on a saturated machine may see no answer inside its two seconds; the leads check
    // afterwards still proves every request was answered once.
    const bad = rows.filter((r) => r.errors + r.timeouts + r.non2xx > 0 || (r.total === 0 && !options.smoke));
    const problems = verification.flatMap((v) => v.problems);
    if (dragnet.child.exitCode !== null) problems.push('the Dragnet API exited during the run');
    for (const r of rows.filter((r) => r.profile)) {
      console.log(`\nDragnet at ${r.connections} connections: ${summariseCpuProfile(r.profile, 25)}`);
    }
    if (bad.length > 0) console.log(`FAIL: errors or non-2xx from ${bad.map((r) => r.name).join(', ')}`);
    for (const problem of problems) console.log(`FAIL: ${problem}`);
    const missed = goals.filter((goal) => !goal.met);
    if (options.smoke) console.log('smoke run: answers, statements and leads checked; the ratio goal is not judged');
    else if (missed.length > 0)
      console.log(
        `FAIL: req/s ratio below ${MIN_RATIO} at ${missed.map((g) => g.connections).join(' and ')} connections`,
      );
    failed = bad.length > 0 || problems.length > 0 || (!options.smoke && missed.length > 0);
    if (!failed) console.log('OK: no errors, no non-2xx; leads equal 2xx answers for every target');
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--baseline-server') runBaselineServer();
else
  main().catch((error) => {
    // Bad arguments or a failed build: nothing has been started yet.
    console.error(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  });
