/** What is asked of INTERPOL: a notice (reviewed before publication) or a diffusion (circulated directly). */
export enum RequestType {
  Red = 'red',
  Yellow = 'yellow',
  Blue = 'blue',
  Black = 'black',
  Green = 'green',
  Orange = 'orange',
  Purple = 'purple',
  Silver = 'silver',
  UnSpecial = 'un_special',
  RedDiffusion = 'red_diffusion',
  YellowDiffusion = 'yellow_diffusion',
  BlueDiffusion = 'blue_diffusion',
  BlackDiffusion = 'black_diffusion',
  GreenDiffusion = 'green_diffusion',
}

export const DIFFUSION_TYPES: readonly RequestType[] = [
  RequestType.RedDiffusion,
  RequestType.YellowDiffusion,
  RequestType.BlueDiffusion,
  RequestType.BlackDiffusion,
  RequestType.GreenDiffusion,
];

export const NOTICE_TYPES: readonly RequestType[] = Object.values(RequestType).filter(
  (type) => !DIFFUSION_TYPES.includes(type),
);

export const isDiffusion = (type: RequestType): boolean => DIFFUSION_TYPES.includes(type);
