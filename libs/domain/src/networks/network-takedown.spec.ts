import { NetworkTakedown, networkTakedown, shareAtLarge, type NetworkMemberCounts } from './network-takedown';

const counts = (overrides: Partial<NetworkMemberCounts>): NetworkMemberCounts => ({
  members: 8,
  arrested: 0,
  located: 0,
  stillAtLarge: 8,
  leadersAndOrganisers: 2,
  leadersAndOrganisersArrested: 0,
  ...overrides,
});

describe('networkTakedown', () => {
  it('calls a network dismantled once its whole command is arrested and at most a quarter is at large', () => {
    expect(networkTakedown(counts({ arrested: 6, stillAtLarge: 2, leadersAndOrganisersArrested: 2 }))).toBe(
      NetworkTakedown.Dismantled,
    );
  });

  it('calls it disrupted with its command arrested but too many at large, or part of the command arrested', () => {
    expect(networkTakedown(counts({ arrested: 2, stillAtLarge: 6, leadersAndOrganisersArrested: 2 }))).toBe(
      NetworkTakedown.Disrupted,
    );
    expect(networkTakedown(counts({ arrested: 1, stillAtLarge: 7, leadersAndOrganisersArrested: 1 }))).toBe(
      NetworkTakedown.Disrupted,
    );
  });

  it('calls it disrupted when half its members are arrested, even with the command free', () => {
    expect(networkTakedown(counts({ arrested: 4, stillAtLarge: 4 }))).toBe(NetworkTakedown.Disrupted);
    expect(networkTakedown(counts({ arrested: 3, located: 5, stillAtLarge: 0 }))).toBe(NetworkTakedown.NotDisrupted);
  });

  it('never calls a network without a known leader or organiser dismantled', () => {
    expect(
      networkTakedown(
        counts({ arrested: 8, stillAtLarge: 0, leadersAndOrganisers: 0, leadersAndOrganisersArrested: 0 }),
      ),
    ).toBe(NetworkTakedown.Disrupted);
  });

  it('leaves a network without members not disrupted, at a share of 0', () => {
    const empty = counts({ members: 0, stillAtLarge: 0, leadersAndOrganisers: 0 });
    expect(networkTakedown(empty)).toBe(NetworkTakedown.NotDisrupted);
    expect(shareAtLarge(empty)).toBe(0);
    expect(shareAtLarge(counts({ members: 3, stillAtLarge: 1 }))).toBe(0.33);
  });
});
