package main

import (
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Plot size: one panel per row.
const (
	plotWidth       = 24 * vg.Centimeter
	plotPanelHeight = 9 * vg.Centimeter
)

// writePlot draws the panels one above the other, sharing the time
// axis, to path: SVG or PNG by its extension.
func writePlot(path, workload string, panels []Panel) error {
	plots := make([][]*plot.Plot, len(panels))
	xMax := 0.0
	for _, pn := range panels {
		for _, s := range pn.Series {
			for _, x := range s.X {
				xMax = max(xMax, x)
			}
		}
	}
	for i, pn := range panels {
		p, err := panelPlot(pn)
		if err != nil {
			return err
		}
		p.X.Min, p.X.Max = 0, xMax
		if i == 0 {
			p.Title.Text = workload + ": " + p.Title.Text
		}
		plots[i] = []*plot.Plot{p}
	}
	h := plotPanelHeight * vg.Length(len(panels))
	var (
		canvas vg.CanvasWriterTo
		dc     draw.Canvas
	)
	switch filepath.Ext(path) {
	case ".svg":
		c := vgsvg.New(plotWidth, h)
		canvas, dc = c, draw.New(c)
	case ".png":
		c := vgimg.New(plotWidth, h)
		canvas, dc = vgimg.PngCanvas{Canvas: c}, draw.New(c)
	default:
		return fmt.Errorf("%w: %s is neither .svg nor .png", errBadOption, path)
	}
	tiles := draw.Tiles{Rows: len(panels), Cols: 1, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadX: vg.Millimeter * 2, PadY: vg.Millimeter * 4}
	for i, row := range plot.Align(plots, tiles, dc) {
		plots[i][0].Draw(row[0])
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := canvas.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// panelPlot is one panel: its series as lines with points.
func panelPlot(pn Panel) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = pn.Title
	p.X.Label.Text = "seconds since the start of the timed phase"
	p.Y.Label.Text = pn.YLabel
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	for i, s := range pn.Series {
		if len(s.X) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(s.X))
		for j := range s.X {
			xys[j].X, xys[j].Y = s.X[j], s.Y[j]
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("series %s: %w", s.Name, err)
		}
		line.Color = plotutil.Color(i)
		points.Color = plotutil.Color(i)
		points.Radius = vg.Points(1.5)
		p.Add(line, points)
		p.Legend.Add(s.Name, line)
	}
	return p, nil
}
