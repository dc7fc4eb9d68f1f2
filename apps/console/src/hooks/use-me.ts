import { useQuery } from '@tanstack/react-query';
import type { Schemas } from '../lib/api/client';
import { askForProfile, takeEarlyProfile } from '../lib/early-profile';
import { queryKeys } from '../lib/query-keys';
import { useSessionToken } from './use-session-token';

export type Me = Schemas['UserDto'];

/** The signed-in user (role and country decide which actions the console offers). */
export function useMe() {
  const token = useSessionToken();
  return useQuery({
    queryKey: [...queryKeys.me, token],
    // The first ask is usually already under way (lib/early-profile.ts).
    queryFn: () => takeEarlyProfile(token) ?? askForProfile(),
    enabled: token !== null,
    staleTime: 60_000,
  });
}

export function useRole(): Me['role'] | undefined {
  return useMe().data?.role;
}
