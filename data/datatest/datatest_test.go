package datatest

import (
	"context"
	"testing"
)

func TestDemoStoreIsIsolated(t *testing.T) {
	a, b := DemoStore(t), Store(t)
	var units int
	if err := a.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM units`).Scan(&units); err != nil {
		t.Fatal(err)
	}
	if units == 0 {
		t.Fatal("demo store has no units")
	}
	if err := b.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM units`).Scan(&units); err != nil {
		t.Fatal(err)
	}
	if units != 0 {
		t.Fatalf("a fresh store sees %d units of another test's store", units)
	}
}

func TestDemoStoreHasNoDanglingReferences(t *testing.T) {
	if err := DemoStore(t).CheckIntegrity(context.Background()); err != nil {
		t.Fatal(err)
	}
}
