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

/* The hand table of the ABI test: the Windows facts that mingw-w64 10's headers lack, each
 * with its source. gen_abi.py compiles this file with x86_64-w64-mingw32-gcc after
 * mingw-w64's own headers, so structures, enumerations, macros and GUIDs are written here as
 * C declarations with the SDK's names, and their sizes, offsets and values are computed by
 * the same compiler as everything else. Interfaces that mingw-w64 lacks are given as the
 * list of their own methods in the documented IDL order (ABI_HAND_INTERFACE/METHOD, read by
 * gen_abi.py): slots follow the parent's, parameter types are compiled for their size and
 * class, and pointer parameters may name any pointer type where mingw-w64 lacks the pointee.
 * GUIDs are given as ABI_HAND_GUID(name, DEFINE_GUID's values), which gen_abi.py defines in
 * its compile unless mingw-w64 has the name. Each other group is guarded by
 * ABI_MINGW_HAS_<name>, which gen_abi.py defines where mingw-w64's headers mention <name>, and
 * an interface is taken from mingw-w64 once it has it: a newer mingw-w64 becomes the reference,
 * and nothing is declared twice. ABI_HAND_UNCHECKED("glob of check names", "reason") would
 * list what is deliberately not compared; nothing is, at present.
 *
 * Sources: the Windows SDK's headers and IDL as published in microsoft/win32metadata
 * (generation/WinSDK/RecompiledIdlHeaders/um/), and the learn.microsoft.com pages named below. */

#ifndef __VKDVA_ABI_HAND_H
#define __VKDVA_ABI_HAND_H

#define ABI_HAND_INTERFACE(iface, parent)
#define ABI_HAND_METHOD(iface, ret, name, params)
#define ABI_HAND_UNCHECKED(pattern, reason)
#define ABI_HAND_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)

/* ---- d3d11.h --------------------------------------------------------------------------- */

/* SDK um/d3d11.idl, enum D3D11_FEATURE: mingw-w64 10 ends at D3D11_FEATURE_D3D11_OPTIONS5 (19);
 * the SDK continues with D3D11_FEATURE_DISPLAYABLE and D3D11_FEATURE_D3D11_OPTIONS6. */
#ifndef ABI_MINGW_HAS_D3D11_FEATURE_DISPLAYABLE
#define D3D11_FEATURE_DISPLAYABLE 20
#endif

#ifndef ABI_MINGW_HAS_D3D11_FEATURE_D3D11_OPTIONS6
#define D3D11_FEATURE_D3D11_OPTIONS6 21
#endif


/* SDK um/d3d11.idl: the structures that the two new D3D11_FEATURE values query. */
#ifndef ABI_MINGW_HAS_D3D11_FEATURE_DATA_DISPLAYABLE
typedef struct D3D11_FEATURE_DATA_DISPLAYABLE
{
    BOOL DisplayableTexture;
    D3D11_SHARED_RESOURCE_TIER SharedResourceTier;
} D3D11_FEATURE_DATA_DISPLAYABLE;
#endif
#ifndef ABI_MINGW_HAS_D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER
typedef enum D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER
{
    D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER_0 = 0,
    D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER_1 = 1,
} D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER;
#endif
#ifndef ABI_MINGW_HAS_D3D11_FEATURE_DATA_D3D11_OPTIONS6
typedef struct D3D11_FEATURE_DATA_D3D11_OPTIONS6
{
    D3D11_SHADER_ACCESS_RESTRICTED_RESOURCE_TIER ShaderAccessRestrictedResourceTier;
} D3D11_FEATURE_DATA_D3D11_OPTIONS6;
#endif

/* SDK um/d3d11.idl: "const UINT D3D11_4_VIDEO_DECODER_MAX_HISTOGRAM_COMPONENTS = 4;" and
 * "const UINT D3D11_4_VIDEO_DECODER_HISTOGRAM_OFFSET_ALIGNMENT = 256;". */
#ifndef ABI_MINGW_HAS_D3D11_4_VIDEO_DECODER_MAX_HISTOGRAM_COMPONENTS
#define D3D11_4_VIDEO_DECODER_MAX_HISTOGRAM_COMPONENTS 4
#define D3D11_4_VIDEO_DECODER_HISTOGRAM_OFFSET_ALIGNMENT 256
#endif


/* SDK um/d3d11.idl: the decoder profile GUIDs ("VideoDecoder" section), the crypto and key
 * exchange GUIDs, and the authenticated channel query and configure GUIDs ("AuthenticatedChannel"
 * section). mingw-w64 10's d3d11.h declares none of them. The decoder profiles equal dxva.h's
 * DXVA_Mode* GUIDs: D3D11_DECODER_PROFILE_H264_VLD_NOFGT is DXVA_ModeH264_E, and so on. */
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG2_MOCOMP, 0xe6a9f44b, 0x61b0, 0x4563,
        0x9e, 0xa4, 0x63, 0xd2, 0xa3, 0xc6, 0xfe, 0x66)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG2_IDCT, 0xbf22ad00, 0x03ea, 0x4690,
        0x80, 0x77, 0x47, 0x33, 0x46, 0x20, 0x9b, 0x7e)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG2_VLD, 0xee27417f, 0x5e28, 0x4e65,
        0xbe, 0xea, 0x1d, 0x26, 0xb5, 0x08, 0xad, 0xc9)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG1_VLD, 0x6f3ec719, 0x3735, 0x42cc,
        0x80, 0x63, 0x65, 0xcc, 0x3c, 0xb3, 0x66, 0x16)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG2and1_VLD, 0x86695f12, 0x340e, 0x4f04,
        0x9f, 0xd3, 0x92, 0x53, 0xdd, 0x32, 0x74, 0x60)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_MOCOMP_NOFGT, 0x1b81be64, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_MOCOMP_FGT, 0x1b81be65, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_IDCT_NOFGT, 0x1b81be66, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_IDCT_FGT, 0x1b81be67, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_NOFGT, 0x1b81be68, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_FGT, 0x1b81be69, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_WITHFMOASO_NOFGT, 0xd5f04ff9, 0x3418, 0x45d8,
        0x95, 0x61, 0x32, 0xa7, 0x6a, 0xae, 0x2d, 0xdd)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_STEREO_PROGRESSIVE_NOFGT, 0xd79be8da, 0x0cf1, 0x4c81,
        0xb8, 0x2a, 0x69, 0xa4, 0xe2, 0x36, 0xf4, 0x3d)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_STEREO_NOFGT, 0xf9aaccbb, 0xc2b6, 0x4cfc,
        0x87, 0x79, 0x57, 0x07, 0xb1, 0x76, 0x05, 0x52)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_H264_VLD_MULTIVIEW_NOFGT, 0x705b9d82, 0x76cf, 0x49d6,
        0xb7, 0xe6, 0xac, 0x88, 0x72, 0xdb, 0x01, 0x3c)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_WMV8_POSTPROC, 0x1b81be80, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_WMV8_MOCOMP, 0x1b81be81, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_WMV9_POSTPROC, 0x1b81be90, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_WMV9_MOCOMP, 0x1b81be91, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_WMV9_IDCT, 0x1b81be94, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VC1_POSTPROC, 0x1b81bea0, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VC1_MOCOMP, 0x1b81bea1, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VC1_IDCT, 0x1b81bea2, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VC1_VLD, 0x1b81bea3, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VC1_D2010, 0x1b81bea4, 0xa0c7, 0x11d3,
        0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG4PT2_VLD_SIMPLE, 0xefd64d74, 0xc9e8, 0x41d7,
        0xa5, 0xe9, 0xe9, 0xb0, 0xe3, 0x9f, 0xa3, 0x19)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG4PT2_VLD_ADVSIMPLE_NOGMC, 0xed418a9f, 0x010d, 0x4eda,
        0x9a, 0xe3, 0x9a, 0x65, 0x35, 0x8d, 0x8d, 0x2e)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_MPEG4PT2_VLD_ADVSIMPLE_GMC, 0xab998b5b, 0x4258, 0x44a9,
        0x9f, 0xeb, 0x94, 0xe5, 0x97, 0xa6, 0xba, 0xae)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 0x5b11d51b, 0x2f4c, 0x4452,
        0xbc, 0xc3, 0x09, 0xf2, 0xa1, 0x16, 0x0c, 0xc0)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, 0x107af0e0, 0xef1a, 0x4d19,
        0xab, 0xa8, 0x67, 0xa1, 0x63, 0x07, 0x3d, 0x13)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VP9_VLD_PROFILE0, 0x463707f8, 0xa1d0, 0x4585,
        0x87, 0x6d, 0x83, 0xaa, 0x6d, 0x60, 0xb8, 0x9e)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VP9_VLD_10BIT_PROFILE2, 0xa4c749ef, 0x6ecf, 0x48aa,
        0x84, 0x48, 0x50, 0xa7, 0xa1, 0x16, 0x5f, 0xf7)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_VP8_VLD, 0x90b899ea, 0x3a62, 0x4705,
        0x88, 0xb3, 0x8d, 0xf0, 0x4b, 0x27, 0x44, 0xe7)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_AV1_VLD_PROFILE0, 0xb8be4ccb, 0xcf53, 0x46ba,
        0x8d, 0x59, 0xd6, 0xb8, 0xa6, 0xda, 0x5d, 0x2a)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_AV1_VLD_PROFILE1, 0x6936ff0f, 0x45b1, 0x4163,
        0x9c, 0xc1, 0x64, 0x6e, 0xf6, 0x94, 0x61, 0x08)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_AV1_VLD_PROFILE2, 0x0c5f2aa1, 0xe541, 0x4089,
        0xbb, 0x7b, 0x98, 0x11, 0x0a, 0x19, 0xd7, 0xc8)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_AV1_VLD_12BIT_PROFILE2, 0x17127009, 0xa00f, 0x4ce1,
        0x99, 0x4e, 0xbf, 0x40, 0x81, 0xf6, 0xf3, 0xf0)
ABI_HAND_GUID(D3D11_DECODER_PROFILE_AV1_VLD_12BIT_PROFILE2_420, 0x2d80bed6, 0x9cac, 0x4835,
        0x9e, 0x91, 0x32, 0x7b, 0xbc, 0x4f, 0x9e, 0xe8)
ABI_HAND_GUID(D3D11_CRYPTO_TYPE_AES128_CTR, 0x9b6bd711, 0x4f74, 0x41c9,
        0x9e, 0x7b, 0x0b, 0xe2, 0xd7, 0xd9, 0x3b, 0x4f)
ABI_HAND_GUID(D3D11_DECODER_ENCRYPTION_HW_CENC, 0x89d6ac4f, 0x09f2, 0x4229,
        0xb2, 0xcd, 0x37, 0x74, 0x0a, 0x6d, 0xfd, 0x81)
ABI_HAND_GUID(D3D11_DECODER_BITSTREAM_ENCRYPTION_TYPE_CENC, 0xb0405235, 0xc13d, 0x44f2,
        0x9a, 0xe5, 0xdd, 0x48, 0xe0, 0x8e, 0x5b, 0x67)
ABI_HAND_GUID(D3D11_DECODER_BITSTREAM_ENCRYPTION_TYPE_CBCS, 0x422d9319, 0x9d21, 0x4bb7,
        0x93, 0x71, 0xfa, 0xf5, 0xa8, 0x2c, 0x3e, 0x04)
ABI_HAND_GUID(D3D11_KEY_EXCHANGE_HW_PROTECTION, 0xb1170d8a, 0x628d, 0x4da3,
        0xad, 0x3b, 0x82, 0xdd, 0xb0, 0x8b, 0x49, 0x70)
ABI_HAND_GUID(D3D11_KEY_EXCHANGE_RSAES_OAEP, 0xc1949895, 0xd72a, 0x4a1d,
        0x8e, 0x5d, 0xed, 0x85, 0x7d, 0x17, 0x15, 0x20)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_PROTECTION, 0xa84eb584, 0xc495, 0x48aa,
        0xb9, 0x4d, 0x8b, 0xd2, 0xd6, 0xfb, 0xce, 0x05)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, 0xbc1b18a5, 0xb1fb, 0x42ab,
        0xbd, 0x94, 0xb5, 0x82, 0x8b, 0x4b, 0xf7, 0xbe)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE, 0xec1c539d, 0x8cff, 0x4e2a,
        0xbc, 0xc4, 0xf5, 0x69, 0x2f, 0x99, 0xf4, 0x80)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION, 0x2634499e, 0xd018, 0x4d74,
        0xac, 0x17, 0x7f, 0x72, 0x40, 0x59, 0x52, 0x8d)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT, 0x0db207b3, 0x9450, 0x46a6,
        0x82, 0xde, 0x1b, 0x96, 0xd4, 0x4f, 0x9c, 0xf2)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS, 0x649bbadb, 0xf0f4, 0x4639,
        0xa1, 0x5b, 0x24, 0x39, 0x3f, 0xc3, 0xab, 0xac)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT, 0x012f0bd6, 0xe662, 0x4474,
        0xbe, 0xfd, 0xaa, 0x53, 0xe5, 0x14, 0x3c, 0x6d)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT, 0x2c042b5e, 0x8c07, 0x46d5,
        0xaa, 0xbe, 0x8f, 0x75, 0xcb, 0xad, 0x4c, 0x31)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID, 0x839ddca3, 0x9b4e, 0x41e4,
        0xb0, 0x53, 0x89, 0x2b, 0xd2, 0xa1, 0x1e, 0xe7)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ATTRIBUTES, 0x6214d9d2, 0x432c, 0x4abb,
        0x9f, 0xce, 0x21, 0x6e, 0xea, 0x26, 0x9e, 0x3b)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID_COUNT, 0xb30f7066, 0x203c, 0x4b07,
        0x93, 0xfc, 0xce, 0xaa, 0xfd, 0x61, 0x24, 0x1e)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID, 0xf83a5958, 0xe986, 0x4bda,
        0xbe, 0xb0, 0x41, 0x1f, 0x6a, 0x7a, 0x01, 0xb7)
ABI_HAND_GUID(D3D11_AUTHENTICATED_QUERY_CURRENT_ENCRYPTION_WHEN_ACCESSIBLE, 0xec1791c7, 0xdad3, 0x4f15,
        0x9e, 0xc3, 0xfa, 0xa9, 0x3d, 0x60, 0xd4, 0xf0)
ABI_HAND_GUID(D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, 0x06114bdb, 0x3523, 0x470a,
        0x8d, 0xca, 0xfb, 0xc2, 0x84, 0x51, 0x54, 0xf0)
ABI_HAND_GUID(D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, 0x50455658, 0x3f47, 0x4362,
        0xbf, 0x99, 0xbf, 0xdf, 0xcd, 0xe9, 0xed, 0x29)
ABI_HAND_GUID(D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, 0x6346cc54, 0x2cfc, 0x4ad4,
        0x82, 0x24, 0xd1, 0x58, 0x37, 0xde, 0x77, 0x00)
ABI_HAND_GUID(D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, 0x0772d047, 0x1b40, 0x48e8,
        0x9c, 0xa6, 0xb5, 0xf5, 0x10, 0xde, 0x9f, 0x01)
ABI_HAND_GUID(D3D11_AUTHENTICATED_CONFIGURE_ENCRYPTION_WHEN_ACCESSIBLE, 0x41fff286, 0x6ae0, 0x4d43,
        0x9d, 0x55, 0xa4, 0x6e, 0x9e, 0xfd, 0x15, 0x8a)

/* ---- d3d11_4.h: ID3D11VideoDevice2 and ID3D11VideoContext3 ------------------------------ */

/* SDK um/d3d11_4.idl, "VideoDevice2" section; learn.microsoft.com, "D3D11_FEATURE_VIDEO
 * enumeration (d3d11_4.h)": one value. */
#ifndef ABI_MINGW_HAS_D3D11_FEATURE_VIDEO
typedef enum D3D11_FEATURE_VIDEO
{
    D3D11_FEATURE_VIDEO_DECODER_HISTOGRAM = 0,
} D3D11_FEATURE_VIDEO;
#endif


/* SDK um/d3d11_4.idl: Y, U, V are 0, 1, 2 and R, G, B, A alias 0, 1, 2, 3. */
#ifndef ABI_MINGW_HAS_D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT
typedef enum D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT
{
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_Y = 0,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_U = 1,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_V = 2,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_R = 0,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_G = 1,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_B = 2,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_A = 3,
} D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT;
#endif


/* SDK um/d3d11_4.idl: each flag is 1 << the component above; NONE is 0. */
#ifndef ABI_MINGW_HAS_D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAGS
typedef enum D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAGS
{
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_NONE = 0x0,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_Y = 0x1,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_U = 0x2,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_V = 0x4,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_R = 0x1,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_G = 0x2,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_B = 0x4,
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAG_A = 0x8,
} D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAGS;
#endif


/* SDK um/d3d11_4.idl: the decoder description (in), then the supported components (out). */
#ifndef ABI_MINGW_HAS_D3D11_FEATURE_DATA_VIDEO_DECODER_HISTOGRAM
typedef struct D3D11_FEATURE_DATA_VIDEO_DECODER_HISTOGRAM
{
    D3D11_VIDEO_DECODER_DESC DecoderDesc;
    D3D11_VIDEO_DECODER_HISTOGRAM_COMPONENT_FLAGS Components;
    UINT BinCount;
    UINT CounterBitDepth;
} D3D11_FEATURE_DATA_VIDEO_DECODER_HISTOGRAM;
#endif


/* SDK um/d3d11_4.idl: one value. */
#ifndef ABI_MINGW_HAS_D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS
typedef enum D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS
{
    D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE = 0x0,
} D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS;
#endif


/* SDK um/d3d11_4.idl, "VideoContext3" section: DESC1's members with the two
 * stripe counts appended. */
#ifndef ABI_MINGW_HAS_D3D11_VIDEO_DECODER_BUFFER_DESC2
typedef struct D3D11_VIDEO_DECODER_BUFFER_DESC2
{
    D3D11_VIDEO_DECODER_BUFFER_TYPE BufferType;
    UINT DataOffset;
    UINT DataSize;
    void *pIV;
    UINT IVSize;
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *pSubSampleMappingBlock;
    UINT SubSampleMappingCount;
    UINT cBlocksStripeEncrypted;
    UINT cBlocksStripeClear;
} D3D11_VIDEO_DECODER_BUFFER_DESC2;
#endif


/* SDK um/d3d11_4.idl: "[uuid(59C0CB01-35F0-4A70-8F67-87905C906A53)] interface
 * ID3D11VideoDevice2 : ID3D11VideoDevice1" with two methods, in this order. */
ABI_HAND_GUID(IID_ID3D11VideoDevice2, 0x59c0cb01, 0x35f0, 0x4a70, 0x8f, 0x67, 0x87, 0x90, 0x5c, 0x90, 0x6a, 0x53)

ABI_HAND_INTERFACE(ID3D11VideoDevice2, ID3D11VideoDevice1)
ABI_HAND_METHOD(ID3D11VideoDevice2, HRESULT, CheckFeatureSupport,
        (D3D11_FEATURE_VIDEO, void *, UINT))
ABI_HAND_METHOD(ID3D11VideoDevice2, HRESULT, NegotiateCryptoSessionKeyExchangeMT,
        (ID3D11CryptoSession *, D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS, UINT, void *))

/* SDK um/d3d11_4.idl: "[uuid(A9E2FAA0-CB39-418F-A0B7-D8AAD4DE672E)] interface
 * ID3D11VideoContext3 : ID3D11VideoContext2" with two methods, in this order. */
ABI_HAND_GUID(IID_ID3D11VideoContext3, 0xa9e2faa0, 0xcb39, 0x418f, 0xa0, 0xb7, 0xd8, 0xaa, 0xd4, 0xde, 0x67, 0x2e)

ABI_HAND_INTERFACE(ID3D11VideoContext3, ID3D11VideoContext2)
ABI_HAND_METHOD(ID3D11VideoContext3, HRESULT, DecoderBeginFrame1,
        (ID3D11VideoDecoder *, ID3D11VideoDecoderOutputView *, UINT, const void *, UINT, const UINT *,
        ID3D11Buffer *const *))
ABI_HAND_METHOD(ID3D11VideoContext3, HRESULT, SubmitDecoderBuffers2,
        (ID3D11VideoDecoder *, UINT, const D3D11_VIDEO_DECODER_BUFFER_DESC2 *))

/* ---- dxva.h -------------------------------------------------------------------------- */

/* SDK um/dxva.h: the compressed buffer types, the bDXVA_Func values and the bStatus values
 * of the status reports ("DXVA_COMPBUFFER_TYPE_THAT_IS_NOT_USED 0" ... "DXVA_NUM_TYPES_COMP_BUFFERS
 * 18", "DXVA_PICTURE_DECODING_FUNCTION 1" ... "DXVA_STATUS_REPORTING_FUNCTION 7",
 * "DXVA_EXECUTE_RETURN_OK 0" ... "DXVA_EXECUTE_RETURN_OTHER_ERROR_SEVERE 4"). */
#ifndef ABI_MINGW_HAS_DXVA_PICTURE_DECODE_BUFFER
#define DXVA_COMPBUFFER_TYPE_THAT_IS_NOT_USED 0
#define DXVA_PICTURE_DECODE_BUFFER 1
#define DXVA_MACROBLOCK_CONTROL_BUFFER 2
#define DXVA_RESIDUAL_DIFFERENCE_BUFFER 3
#define DXVA_DEBLOCKING_CONTROL_BUFFER 4
#define DXVA_INVERSE_QUANTIZATION_MATRIX_BUFFER 5
#define DXVA_SLICE_CONTROL_BUFFER 6
#define DXVA_BITSTREAM_DATA_BUFFER 7
#define DXVA_AYUV_BUFFER 8
#define DXVA_IA44_SURFACE_BUFFER 9
#define DXVA_DPXD_SURFACE_BUFFER 10
#define DXVA_HIGHLIGHT_BUFFER 11
#define DXVA_DCCMD_SURFACE_BUFFER 12
#define DXVA_ALPHA_BLEND_COMBINATION_BUFFER 13
#define DXVA_PICTURE_RESAMPLE_BUFFER 14
#define DXVA_READ_BACK_BUFFER 15
#define DXVA_MOTION_VECTOR_BUFFER 16
#define DXVA_FILM_GRAIN_BUFFER 17
#define DXVA_NUM_TYPES_COMP_BUFFERS 18
#define DXVA_PICTURE_DECODING_FUNCTION 1
#define DXVA_ALPHA_BLEND_DATA_LOAD_FUNCTION 2
#define DXVA_ALPHA_BLEND_COMBINATION_FUNCTION 3
#define DXVA_PICTURE_RESAMPLE_FUNCTION 4
#define DXVA_DEBLOCKING_FILTER_FUNCTION 5
#define DXVA_FILM_GRAIN_SYNTHESIS_FUNCTION 6
#define DXVA_STATUS_REPORTING_FUNCTION 7
#define DXVA_EXECUTE_RETURN_OK 0
#define DXVA_EXECUTE_RETURN_DATA_ERROR_MINOR 1
#define DXVA_EXECUTE_RETURN_DATA_ERROR_SIGNIF 2
#define DXVA_EXECUTE_RETURN_DATA_ERROR_SEVERE 3
#define DXVA_EXECUTE_RETURN_OTHER_ERROR_SEVERE 4
#endif


/* The SDK's dxva.h declares every decoder structure inside
 * "#pragma pack(push, BeforeDXVApacking, 1)", these two included. */
#pragma pack(push, 1)

/* SDK um/dxva.h "H.264/AVC status reporting data structure"; also the DXVA H.264 spec,
 * section "Status Report Data Structure": 12 bytes. */
#ifndef ABI_MINGW_HAS_DXVA_Status_H264
typedef struct _DXVA_Status_H264
{
    UINT StatusReportFeedbackNumber;
    DXVA_PicEntry_H264 CurrPic;
    UCHAR field_pic_flag;
    UCHAR bDXVA_Func;
    UCHAR bBufType;
    UCHAR bStatus;
    UCHAR bReserved8Bits;
    USHORT wNumMbsAffected;
} DXVA_Status_H264;
#endif


/* SDK um/dxva.h "H.265/HEVC status reporting data structure": a 16-bit feedback number,
 * and no field_pic_flag or bDXVA_Func, unlike H.264's; 8 bytes. */
#ifndef ABI_MINGW_HAS_DXVA_Status_HEVC
typedef struct _DXVA_Status_HEVC
{
    USHORT StatusReportFeedbackNumber;
    DXVA_PicEntry_HEVC CurrPic;
    UCHAR bBufType;
    UCHAR bStatus;
    UCHAR bReserved8Bits;
    USHORT wNumMbsAffected;
} DXVA_Status_HEVC;
#endif


#pragma pack(pop)

#endif /* __VKDVA_ABI_HAND_H */
