import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { Figures } from '../api/figures';

/**
 * Arrested, located and still at large over the stored roll-ups (loaded only when shown). Drawn at
 * once, not animated: a slow phone need not spend its first seconds on the board tweening lines.
 */
export function FiguresHistoryChart({ history }: { history: Figures[] }) {
  const { t } = useTranslation();
  const points = [...history].reverse().map((snapshot) => ({
    at: formatDateTime(snapshot.computedAt),
    arrested: snapshot.headline.arrested,
    located: snapshot.headline.located,
    stillAtLarge: snapshot.totals?.stillAtLarge ?? null,
  }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={points} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="at" hide />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip />
        <Legend />
        <Line
          type="monotone"
          dataKey="arrested"
          name={t('board.arrested')}
          stroke="#2b8a3e"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="located"
          name={t('board.located')}
          stroke="#e8590c"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="stillAtLarge"
          name={t('board.stillAtLarge')}
          stroke="#364fc7"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
