/*
 * Copyright 2026 the vkdva authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with this library; if not, write to the Free Software
 * Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA
 */

/* The Win32 basics the D3D11 headers need, for builds that have no <windows.h>.
 * Types have their Windows sizes (LONG and ULONG are 32-bit, WCHAR is 16-bit) so that
 * every structure has the Windows x64 layout; COM methods use the Microsoft x64 calling
 * convention on x86-64, as in Wine, so vtables are interchangeable with Windows code. */

#ifndef __VKDVA_WINDOWS_H
#define __VKDVA_WINDOWS_H
#ifndef _INC_WINDOWS

/* widl names nameless unions and structs with these; empty, they stay nameless as in the SDK. */
#ifndef __C89_NAMELESS
# define __C89_NAMELESS
# define __C89_NAMELESSUNIONNAME
# define __C89_NAMELESSUNIONNAME1
# define __C89_NAMELESSUNIONNAME2
# define __C89_NAMELESSUNIONNAME3
# define __C89_NAMELESSUNIONNAME4
# define __C89_NAMELESSUNIONNAME5
# define __C89_NAMELESSUNIONNAME6
# define __C89_NAMELESSUNIONNAME7
# define __C89_NAMELESSUNIONNAME8
# define __C89_NAMELESSSTRUCTNAME
# define __C89_NAMELESSSTRUCTNAME1
# define __C89_NAMELESSSTRUCTNAME2
# define __C89_NAMELESSSTRUCTNAME3
# define __C89_NAMELESSSTRUCTNAME4
# define __C89_NAMELESSSTRUCTNAME5
# define __C89_NAMELESSSTRUCTNAME6
# define __C89_NAMELESSSTRUCTNAME7
# define __C89_NAMELESSSTRUCTNAME8
#endif

#if !defined(_WIN32) || defined(__WIDL__)

# if !defined(__WIDL__)
#  include <stdint.h>
# endif

# ifdef __GNUC__
#  define DECLSPEC_ALIGN(x) __attribute__((aligned(x)))
# endif

typedef int HRESULT;
# define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
# define FAILED(hr)    ((HRESULT)(hr) < 0)
# define _HRESULT_TYPEDEF_(x) ((HRESULT)(x))

# define S_OK                               _HRESULT_TYPEDEF_(0)
# define S_FALSE                            _HRESULT_TYPEDEF_(1)
# define E_NOTIMPL                          _HRESULT_TYPEDEF_(0x80004001)
# define E_NOINTERFACE                      _HRESULT_TYPEDEF_(0x80004002)
# define E_POINTER                          _HRESULT_TYPEDEF_(0x80004003)
# define E_ABORT                            _HRESULT_TYPEDEF_(0x80004004)
# define E_FAIL                             _HRESULT_TYPEDEF_(0x80004005)
# define E_UNEXPECTED                       _HRESULT_TYPEDEF_(0x8000ffff)
# define E_ACCESSDENIED                     _HRESULT_TYPEDEF_(0x80070005)
# define E_HANDLE                           _HRESULT_TYPEDEF_(0x80070006)
# define E_OUTOFMEMORY                      _HRESULT_TYPEDEF_(0x8007000e)
# define E_INVALIDARG                       _HRESULT_TYPEDEF_(0x80070057)
# define E_PENDING                          _HRESULT_TYPEDEF_(0x8000000a)

# define DXGI_ERROR_INVALID_CALL            _HRESULT_TYPEDEF_(0x887a0001)
# define DXGI_ERROR_NOT_FOUND               _HRESULT_TYPEDEF_(0x887a0002)
# define DXGI_ERROR_MORE_DATA               _HRESULT_TYPEDEF_(0x887a0003)
# define DXGI_ERROR_UNSUPPORTED             _HRESULT_TYPEDEF_(0x887a0004)
# define DXGI_ERROR_DEVICE_REMOVED          _HRESULT_TYPEDEF_(0x887a0005)
# define DXGI_ERROR_DEVICE_HUNG             _HRESULT_TYPEDEF_(0x887a0006)
# define DXGI_ERROR_DEVICE_RESET            _HRESULT_TYPEDEF_(0x887a0007)
# define DXGI_ERROR_WAS_STILL_DRAWING       _HRESULT_TYPEDEF_(0x887a000a)
# define DXGI_ERROR_DRIVER_INTERNAL_ERROR   _HRESULT_TYPEDEF_(0x887a0020)
# define DXGI_ERROR_ACCESS_DENIED           _HRESULT_TYPEDEF_(0x887a002b)
# define DXGI_ERROR_NOT_CURRENTLY_AVAILABLE _HRESULT_TYPEDEF_(0x887a0022)

typedef unsigned char BYTE;
typedef unsigned char UCHAR;
typedef unsigned char BOOLEAN;
typedef char CHAR;
typedef unsigned short USHORT;
typedef unsigned short WORD;
typedef short SHORT;
typedef unsigned int DWORD;
typedef int INT;
typedef unsigned int UINT;
typedef int LONG;
typedef unsigned int ULONG;
typedef float FLOAT;
typedef LONG BOOL;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
# if defined(__WIDL__)
typedef __int64 INT64;
typedef unsigned __int64 UINT64;
typedef __int64 LONGLONG;
typedef unsigned __int64 ULONGLONG;
# else
typedef int64_t DECLSPEC_ALIGN(8) INT64;
typedef uint64_t DECLSPEC_ALIGN(8) UINT64;
typedef int64_t DECLSPEC_ALIGN(8) LONGLONG;
typedef uint64_t DECLSPEC_ALIGN(8) ULONGLONG;
# endif
typedef INT64 LONG64;
typedef long LONG_PTR;
typedef unsigned long ULONG_PTR;
typedef ULONG_PTR SIZE_T;
typedef unsigned short WCHAR;
typedef void *HANDLE;
typedef void *HMODULE;
typedef void *HWND;
typedef const CHAR *LPCSTR;
typedef const WCHAR *LPCWSTR;

# ifdef __WIDL__
typedef struct
{
    unsigned long Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
# else
typedef struct _GUID
{
    unsigned int Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
# endif
typedef GUID IID;

# ifndef __WIDL__
#  ifdef __cplusplus
#   define EXTERN_C extern "C"
#  else
#   define EXTERN_C extern
#  endif
# endif

# ifdef __cplusplus
#  define VKDVA_GUID_LINKAGE extern "C"
# else
#  define VKDVA_GUID_LINKAGE
# endif

# ifdef INITGUID
#  define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
        VKDVA_GUID_LINKAGE const GUID name; \
        VKDVA_GUID_LINKAGE const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 }}
# else
#  define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
        EXTERN_C const GUID name
# endif

# define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)

#endif /* !defined(_WIN32) || defined(__WIDL__) */

#ifndef _WIN32
# include <stddef.h>
# include <stdlib.h>
# include <string.h>

# define COM_NO_WINDOWS_H

# define FORCEINLINE inline

# define CONTAINING_RECORD(address, type, field) \
        ((type *)((char *)(address) - offsetof(type, field)))

/* The Microsoft x64 calling convention, so COM objects cross between Windows-built and
 * native code unchanged (Wine's convention on x86-64). */
# ifdef __x86_64__
#  define __stdcall __attribute__((ms_abi))
# elif defined(__i386__)
#  define __stdcall __attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))
# else
#  define __stdcall
# endif

# define WINAPI __stdcall
# define STDMETHODCALLTYPE __stdcall
# define DECLSPEC_SELECTANY __attribute__((weak))

# define interface struct
# define BEGIN_INTERFACE
# define END_INTERFACE
# define MIDL_INTERFACE(x) struct
# define CONST_VTBL const

# ifndef TRUE
#  define TRUE 1
# endif
# ifndef FALSE
#  define FALSE 0
# endif

# define REFIID const IID * const
# define REFGUID const GUID * const
# define REFCLSID const GUID * const

# define IsEqualGUID(guid1, guid2) (!memcmp(guid1, guid2, sizeof(GUID)))
# define IsEqualIID(a, b) IsEqualGUID(a, b)

#elif !defined(__WIDL__)
# include <windows.h>
#endif /* _WIN32 */

#ifndef DEFINE_ENUM_FLAG_OPERATORS
# define DEFINE_ENUM_FLAG_OPERATORS(type)
#endif

#endif /* _INC_WINDOWS */
#endif /* __VKDVA_WINDOWS_H */
