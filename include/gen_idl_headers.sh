#!/bin/sh
# Turn each IDL file into a C header with widl: gen_idl_headers.sh WIDL SRCDIR OUTDIR IDL...
set -e
widl=$1; srcdir=$2; outdir=$3; shift 3
for idl in "$@"; do
    base=$(basename "$idl" .idl)
    "$widl" -I "$srcdir" -h -o "$outdir/$base.h" "$idl"
done
