package vmhost

import "testing"

func TestDecodeRevert(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", ""},
		{"Error(string) from require(false, \"Ownable: caller is not the owner\")",
			"08c379a0" +
				"0000000000000000000000000000000000000000000000000000000000000020" +
				"0000000000000000000000000000000000000000000000000000000000000020" +
				"4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572",
			"Ownable: caller is not the owner"},
		{"Panic(1): assert", "4e487b71" + "0000000000000000000000000000000000000000000000000000000000000001",
			"The assert with an argument that evaluates to false."},
		{"Panic(0x32): index", "4e487b71" + "0000000000000000000000000000000000000000000000000000000000000032",
			"An out-of-bounds or negative index for array."},
		{"Panic with an unknown code", "4e487b71" + "00000000000000000000000000000000000000000000000000000000000000ff",
			"Unkown errCode for assert"},
		{"Panic code beyond 64 bits", "4e487b71" + "0000000000000000000000000000000100000000000000000000000000000001",
			"Unkown errCode for assert"},
		{"chainsqld's own: zero selector and text", "00000000" + "6e6f2074616273", "no tabs"},
		{"malformed Error(string) falls back to hex", "08c379a0ff", "0x08c379a0ff"},
		{"plain text", "6f6f7073", "oops"},
		{"custom error selector and argument", "cafebabe" + "00000000000000000000000000000000000000000000000000000000000000ff",
			"0xcafebabe00000000000000000000000000000000000000000000000000000000000000ff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DecodeRevert(unhex(t, tt.data)); got != tt.want {
				t.Fatalf("DecodeRevert = %q, want %q", got, tt.want)
			}
		})
	}
}
