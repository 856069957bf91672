import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// The members' chart (chart.js, only the parts it uses): members per year as bars, joins and lapses as lines.
// Loaded by the dashboard alone (dynamic import), so no other page carries chart.js.

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export type ChartSeries = { years: number[]; members: number[]; joins: number[]; lapses: number[] };
export type ChartLabels = { members: string; joins: string; lapses: string };

export function drawMembersChart(canvas: HTMLCanvasElement, data: ChartSeries, labels: ChartLabels) {
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  return new Chart(canvas, {
    data: {
      labels: data.years.map(String),
      datasets: [
        { type: 'bar', label: labels.members, data: data.members, backgroundColor: '#2b5797', order: 2 },
        {
          type: 'line',
          label: labels.joins,
          data: data.joins,
          borderColor: '#1b7a3d',
          backgroundColor: '#1b7a3d',
          pointStyle: 'triangle',
          order: 1,
        },
        {
          type: 'line',
          label: labels.lapses,
          data: data.lapses,
          borderColor: '#b3261e',
          backgroundColor: '#b3261e',
          borderDash: [6, 4],
          pointStyle: 'rectRot',
          order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 300 },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
